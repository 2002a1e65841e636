// Filters on the builds index. Each row carries its values as data-* attributes (macros/buildguide/templates/
// index.md.j2); a change tests every row once and sets its `hidden` attribute, reading no layout in between, and
// in a long index the browser draws only the rows near the viewport (buildguide.css), so even 1,000 rows redraw
// within 100 ms. The filters live in the query string (replaceState), so a filtered view can be shared and a
// reload shows it again. Material's instant navigation swaps pages without reloading scripts, so the form is set
// up on every page change via document$ (Zensical has it too; a plain page load is the fallback).
(function () {
  // Form control name -> [row attribute, how the row's value is tested against the control's].
  var TESTS = {
    currency: ["data-currency", "is"],
    min: ["data-total", "at least"],
    max: ["data-total", "at most"],
    gpus: ["data-gpus", "at least"],
    "gpu-memory": ["data-gpu-memory", "at least"],
    use: ["data-use", "any of"],
    tag: ["data-tags", "any of"],
    "cpu-maker": ["data-cpu-maker", "is"],
    socket: ["data-socket", "is"],
    "case": ["data-case", "is"],
    year: ["data-year", "is"],
    verdict: ["data-verdict", "is"]
  };

  // Above this many rows, rows far from the viewport are not drawn until scrolled to (buildguide.css).
  var MANY = 100;

  function test(attribute, how, wanted) {
    if (how === "is") {
      return function (row) { return row.getAttribute(attribute) === wanted[0]; };
    }
    if (how === "any of") {
      return function (row) {
        var values = (row.getAttribute(attribute) || "").split("|");
        return wanted.some(function (value) { return values.indexOf(value) !== -1; });
      };
    }
    var bound = parseFloat(wanted[0]);
    if (isNaN(bound)) return null;
    return function (row) {
      var value = row.getAttribute(attribute);
      if (!value) return false; // not known: a build is never shown as meeting a bound it may not meet
      return how === "at least" ? parseFloat(value) >= bound : parseFloat(value) <= bound;
    };
  }

  // The form's filters: FormData leaves out disabled controls and unticked boxes; empty values filter nothing.
  function wanted(form) {
    var chosen = {};
    new FormData(form).forEach(function (value, name) {
      if (TESTS[name] && value !== "") (chosen[name] = chosen[name] || []).push(value);
    });
    return chosen;
  }

  function apply(chosen, table, status) {
    var tests = [];
    Object.keys(chosen).forEach(function (name) {
      var check = test(TESTS[name][0], TESTS[name][1], chosen[name]);
      if (check) tests.push(check);
    });
    var rows = table.tBodies[0].rows, shown = 0;
    var wrap = table.closest(".bg-builds"), many = rows.length > MANY;
    if (wrap && wrap.classList.contains("bg-many") !== many) wrap.classList.toggle("bg-many", many);
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i], show = true;
      for (var t = 0; t < tests.length && show; t++) show = tests[t](row);
      if (row.hidden === show) row.hidden = !show;
      if (show) shown++;
    }
    var text = shown + " of " + rows.length + (rows.length === 1 ? " build" : " builds") + " shown";
    if (status.textContent !== text) status.textContent = text;
  }

  function remember(chosen) {
    var params = new URLSearchParams(window.location.search);
    Object.keys(TESTS).forEach(function (name) { params.delete(name); });
    Object.keys(chosen).forEach(function (name) {
      chosen[name].forEach(function (value) { params.append(name, value); });
    });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.replaceState(window.history.state, "", url);
    }
  }

  function restore(form) {
    var params = new URLSearchParams(window.location.search);
    Array.prototype.forEach.call(form.elements, function (control) {
      if (!TESTS[control.name]) return;
      var values = params.getAll(control.name);
      if (control.type === "checkbox") {
        control.checked = values.indexOf(control.value) !== -1;
      } else if (control.tagName === "SELECT") {
        var known = Array.prototype.some.call(control.options, function (o) { return o.value === values[0]; });
        control.value = known ? values[0] : "";
      } else {
        control.value = values.length ? values[0] : "";
      }
    });
  }

  // With builds in several currencies, a price range means something only within one of them.
  function priceInputs(form) {
    var currency = form.elements.currency;
    if (!currency) return;
    ["min", "max"].forEach(function (name) { form.elements[name].disabled = currency.value === ""; });
  }

  function setup() {
    var form = document.getElementById("bg-filters");
    var status = document.getElementById("bg-filter-status");
    var table = document.querySelector(".bg-builds table");
    if (!form || !status || !table || form.dataset.ready) return;
    form.dataset.ready = "true";
    restore(form);
    priceInputs(form);
    var chosen = wanted(form), last = JSON.stringify(chosen), pending = 0;
    apply(chosen, table, status);
    form.hidden = false;

    // A select or a box sends both "input" and "change": the second finds nothing new to do.
    function changed() {
      priceInputs(form);
      chosen = wanted(form);
      var key = JSON.stringify(chosen);
      if (key === last) return;
      last = key;
      apply(chosen, table, status);
      // The address follows a moment later, once typing pauses: the redraw does not wait for it, and a
      // page left in the meantime (instant navigation) keeps its own address.
      window.clearTimeout(pending);
      pending = window.setTimeout(function () {
        if (form.isConnected) remember(chosen);
      }, 150);
    }
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      changed();
    });
    form.addEventListener("reset", function () {
      window.setTimeout(changed); // the controls hold their reset values only after the event
    });
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
