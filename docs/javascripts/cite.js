/* "Cite this source" (build_scripts/templates/_cite.md.j2): a button that copies
   the reference and the dossier's permalink, and a paragraph's ¶ number that
   copies the reference with the paragraph's address. Our own script, no request: the
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

  // A paragraph's ¶ number: following it still goes to the paragraph, and it
  // copies the reference with that paragraph's own address; a status says so.
  function paragraphs() {
    var reference = document.querySelector(".dossier-cite-block .dossier-reference");
    if (!reference) return;
    var permalink = document.querySelector(".dossier-cite-block .dossier-permalink a");
    var page = permalink ? permalink.href : location.href.split("#")[0];
    var status = document.createElement("div");
    status.className = "dossier-pnum-status";
    status.setAttribute("role", "status");
    document.body.appendChild(status);
    var timer = null;
    function say(text) {
      status.textContent = text;
      status.classList.add("dossier-pnum-status--shown");
      clearTimeout(timer);
      timer = setTimeout(function () {
        status.classList.remove("dossier-pnum-status--shown");
      }, 4000);
    }
    document.querySelectorAll("a.dossier-pnum").forEach(function (link) {
      var number = link.textContent.trim();
      link.title = "Paragraph " + number + ": go to it and copy a citation of it";
      link.addEventListener("click", function () {
        var text =
          lineText(reference) + "\nParagraph " + number + " in the dossier: " + page + "#p" + number;
        copy(text).then(
          function () {
            say("Citation of paragraph " + number + " copied to the clipboard.");
          },
          function () {
            say("Could not copy: the link to paragraph " + number + " is in the address bar.");
          }
        );
      });
    });
  }

  function start() {
    document.querySelectorAll(".dossier-cite-block").forEach(setUp);
    paragraphs();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
