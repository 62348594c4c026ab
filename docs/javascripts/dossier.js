/* The dossier's own script: accessible names Material's templates leave out
   (issue 6). Loaded as extra_javascript (mkdocs.yml); makes no request. */
(function () {
  "use strict";
  function fix() {
    // A navigation section that has an index page is labelled by an element that
    // holds only an icon: label it by the section's visible title instead.
    document.querySelectorAll("nav.md-nav[aria-labelledby]").forEach(function (nav) {
      var current = document.getElementById(nav.getAttribute("aria-labelledby"));
      var title = nav.querySelector(":scope > .md-nav__title");
      if (current && !current.textContent.trim() && title && title.textContent.trim()) {
        title.id = title.id || nav.getAttribute("aria-labelledby") + "_title";
        nav.setAttribute("aria-labelledby", title.id);
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fix);
  } else {
    fix();
  }
})();
