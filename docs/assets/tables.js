// Sortable tables (builds index). Material's instant navigation swaps pages without reloading scripts, so
// tables are set up on every page change via Material's document$ observable.
document$.subscribe(function () {
  document.querySelectorAll(".bg-sortable table").forEach(function (table) {
    new Tablesort(table);
  });
});
