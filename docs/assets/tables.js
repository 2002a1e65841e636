// Sortable tables (builds index), and table scroll boxes a keyboard can reach. Material's instant navigation swaps
// pages without reloading scripts, so tables are set up on every page change via Material's document$ observable.
(function () {
  // A box that scrolls sideways cannot be scrolled from the keyboard unless something in it takes focus: the box
  // itself does, named after its table's caption, while it scrolls (a phone turned sideways may stop that).
  function reachable() {
    document.querySelectorAll(".md-typeset__scrollwrap, .bg-table-wrap").forEach(function (box) {
      var scroller = /auto|scroll/.test(getComputedStyle(box).overflowX);
      if (scroller && box.scrollWidth > box.clientWidth + 1) {
        var caption = box.querySelector("caption");
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", caption ? caption.textContent.trim() : "Table, scrolls sideways");
      } else if (box.getAttribute("role") === "region") {
        ["tabindex", "role", "aria-label"].forEach(function (name) { box.removeAttribute(name); });
      }
    });
  }
  var pending = 0;
  window.addEventListener("resize", function () {
    clearTimeout(pending);
    pending = setTimeout(reachable, 150);
  });
  document$.subscribe(function () {
    document.querySelectorAll(".bg-sortable table").forEach(function (table) {
      new Tablesort(table);
    });
    reachable();
  });
})();
