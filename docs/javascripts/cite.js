/* "Cite this source" (build_scripts/templates/_cite.md.j2): a button that copies
   the reference and the dossier's permalink. Our own script, no request: the
   Clipboard API where the page may use it, else the browser's copy command on a
   hidden text area; if both fail, the reference is selected for the reader to
   copy. Without script the block is plain text to select. */
(function () {
  "use strict";

  function lineText(element) {
    return element.textContent.replace(/\s+/g, " ").trim();
  }

  function copyWithCommand(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var done = false;
    try {
      done = document.execCommand("copy");
    } catch (error) {
      done = false;
    }
    document.body.removeChild(area);
    return done ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () {
        return copyWithCommand(text);
      });
    }
    return copyWithCommand(text);
  }

  function select(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function setUp(block) {
    var lines = block.querySelectorAll(".dossier-copy");
    if (!lines.length || block.querySelector(".dossier-copy-button")) return;
    var bar = document.createElement("p");
    bar.className = "dossier-copy-bar";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button dossier-copy-button";
    button.textContent = "Copy reference";
    var status = document.createElement("span");
    status.className = "dossier-copy-status";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      var text = Array.prototype.map.call(lines, lineText).join("\n");
      status.textContent = "";
      copy(text).then(
        function () {
          status.textContent = "Copied to the clipboard.";
        },
        function () {
          select(lines[0]);
          status.textContent = "Could not copy: the reference is selected, copy it with Ctrl+C.";
        }
      );
    });
    bar.appendChild(button);
    bar.appendChild(status);
    var last = lines[lines.length - 1];
    last.parentNode.insertBefore(bar, last.nextSibling);
  }

  function start() {
    document.querySelectorAll(".dossier-cite-block").forEach(setUp);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
