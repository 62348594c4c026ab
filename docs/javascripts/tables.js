/* The Sources table (build_scripts/templates/sources-index.md.j2), sortable and
   filterable: progressive enhancement of a plain table, our own script, no
   request. Each column header becomes a button (Enter or Space sorts; again
   reverses); the sorted header says so with aria-sort; a search box and one list
   per column of few values (author, publication, kind, year, key term) filter
   the rows, and a status line tells screen readers how many sources are
   shown. A value "not stated" sorts last either way. */
(function () {
  "use strict";

  var NOT_STATED = "not stated";
  var CHOICE_COLUMNS = ["Author", "Publication", "Kind"];

  function cellText(row, index) {
    var cell = row.cells[index];
    return cell ? cell.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function sortKey(text, numeric) {
    if (!text || text.toLowerCase() === NOT_STATED) return null;
    if (numeric) return parseFloat(text.replace(/[^0-9.\-]/g, "")) || 0;
    return text.toLocaleLowerCase();
  }

  function compare(a, b, direction) {
    if (a === null && b === null) return 0;
    if (a === null) return 1; // not stated: last, whichever way
    if (b === null) return -1;
    if (typeof a === "number") return direction * (a - b);
    return direction * a.localeCompare(b);
  }

  function label(text, control) {
    var wrap = document.createElement("label");
    wrap.className = "dossier-filter";
    var span = document.createElement("span");
    span.textContent = text;
    wrap.appendChild(span);
    wrap.appendChild(control);
    return wrap;
  }

  function enhance(box, number) {
    var table = box.querySelector("table");
    if (!table || !table.tHead || !table.tBodies.length || table.dataset.enhanced) return;
    table.dataset.enhanced = "true";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var names = headers.map(function (th) {
      return th.textContent.trim();
    });
    // On a phone the rows are stacked (dossier.css): each cell shows its column's
    // name, and explicit roles keep the table a table for screen readers.
    table.setAttribute("role", "table");
    table.tHead.rows[0].setAttribute("role", "row");
    headers.forEach(function (th) {
      th.setAttribute("role", "columnheader");
    });
    rows.forEach(function (row, index) {
      row.dataset.order = String(index);
      row.setAttribute("role", "row");
      Array.prototype.forEach.call(row.cells, function (cell, column) {
        cell.setAttribute("role", "cell");
        cell.dataset.label = names[column] || "";
      });
    });
    var status = document.createElement("p");
    status.className = "dossier-table-status";
    status.setAttribute("role", "status");

    // Sorting: a button in each header.
    var buttons = headers.map(function (th, column) {
      var numeric = (th.getAttribute("align") || th.style.textAlign) === "right";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "dossier-sort";
      button.textContent = names[column];
      var mark = document.createElement("span");
      mark.className = "dossier-sort-mark";
      mark.setAttribute("aria-hidden", "true");
      button.appendChild(mark);
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) {
          other.removeAttribute("aria-sort");
        });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var keyed = rows.map(function (row) {
          return { row: row, key: sortKey(cellText(row, column), numeric) };
        });
        keyed.sort(function (a, b) {
          return (
            compare(a.key, b.key, ascending ? 1 : -1) ||
            Number(a.row.dataset.order) - Number(b.row.dataset.order)
          );
        });
        keyed.forEach(function (item) {
          body.appendChild(item.row);
        });
        announce("Sorted by " + names[column] + ", " + (ascending ? "ascending" : "descending") + ". ");
      });
      return button;
    });

    // Filtering: a search box and a list for each column of few values.
    var form = document.createElement("form");
    form.className = "dossier-table-filters";
    form.setAttribute("role", "search");
    form.setAttribute("aria-label", "Filter the sources");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    var search = document.createElement("input");
    search.type = "search";
    search.id = "dossier-filter-" + number + "-text";
    search.placeholder = "Title, author, publication…";
    form.appendChild(label("Filter", search));
    var choices = [];
    function addChoice(name, valuesOf) {
      var values = [];
      rows.forEach(function (row) {
        valuesOf(row).forEach(function (value) {
          if (values.indexOf(value) < 0) values.push(value);
        });
      });
      if (values.length < 2) return;
      values.sort(function (a, b) {
        return compare(sortKey(a), sortKey(b), 1);
      });
      var select = document.createElement("select");
      var all = document.createElement("option");
      all.value = "";
      all.textContent = "All";
      select.appendChild(all);
      values.forEach(function (value) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = value;
        select.appendChild(option);
      });
      form.appendChild(label(name, select));
      choices.push({ valuesOf: valuesOf, select: select });
    }
    CHOICE_COLUMNS.forEach(function (name) {
      var column = names.indexOf(name);
      if (column < 0) return;
      addChoice(name, function (row) {
        return [cellText(row, column)];
      });
    });
    // The year a source was published ("not stated" stays so).
    var published = names.indexOf("Published");
    if (published >= 0) {
      addChoice("Year", function (row) {
        var text = cellText(row, published);
        return [/^\d{4}/.test(text) ? text.slice(0, 4) : text];
      });
    }
    // The source's key terms, which the Source cell carries as data-term marks.
    addChoice("Key term", function (row) {
      return Array.prototype.map.call(row.querySelectorAll("[data-term]"), function (mark) {
        return mark.getAttribute("data-term");
      });
    });
    var lastSort = "";
    function announce(sorted) {
      if (sorted !== undefined) lastSort = sorted;
      var shown = rows.filter(function (row) {
        return !row.hidden;
      }).length;
      status.textContent =
        lastSort + shown + " of " + rows.length + " source" + (rows.length === 1 ? "" : "s") + " shown.";
    }
    function filter() {
      var words = search.value.toLocaleLowerCase().split(/\s+/).filter(Boolean);
      rows.forEach(function (row) {
        var text = row.textContent.toLocaleLowerCase();
        var show = words.every(function (word) {
          return text.indexOf(word) >= 0;
        });
        choices.forEach(function (choice) {
          if (choice.select.value && choice.valuesOf(row).indexOf(choice.select.value) < 0) {
            show = false;
          }
        });
        row.hidden = !show;
      });
      announce();
    }
    search.addEventListener("input", filter);
    choices.forEach(function (choice) {
      choice.select.addEventListener("change", filter);
    });
    box.insertBefore(form, box.firstChild);
    box.insertBefore(status, form.nextSibling);
    announce();
    return buttons;
  }

  function start() {
    document.querySelectorAll(".dossier-sources").forEach(enhance);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
