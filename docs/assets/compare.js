// The compare page: fetches the two chosen builds' JSON downloads (one small file each, so the cost does not
// grow with the number of builds) and lays them out role by role. Contributor text is only ever set as
// textContent, never parsed as HTML.
(function () {
  var SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var ROLES = [["cpu", "CPU"], ["motherboard", "Motherboard"], ["cooler", "Cooler"], ["case", "Case"],
    ["gpu", "GPU"], ["bridge", "GPU bridge"], ["memory", "Memory"], ["storage", "Storage"], ["psu", "Power supply"],
    ["fan", "Fans"], ["accessory", "Accessories"], ["peripheral", "Peripherals"]];

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }

  function fetchBuild(slug) {
    if (!SLUG.test(slug)) return Promise.reject(new Error("not a build id: " + slug));
    return fetch("../downloads/" + slug + ".json").then(function (response) {
      if (!response.ok) throw new Error("no build named " + slug);
      return response.json();
    });
  }

  function partsByRole(build) {
    var roles = {};
    build.sections.forEach(function (section) {
      section.items.forEach(function (item) {
        (roles[item.role] = roles[item.role] || []).push(item);
      });
    });
    return roles;
  }

  function describe(items) {
    if (!items) return { key: "", cell: el("td", "—", "bg-none") };
    var td = el("td");
    items.forEach(function (item) {
      var part = el("div", null, "bg-compare-part");
      var name = (item.quantity > 1 ? item.quantity + " × " : "") + item.name;
      var strong = part.appendChild(el("strong"));
      if (item.part_id && SLUG.test(item.part_id)) {  // a catalog part: its name links to its part page
        var link = strong.appendChild(el("a", name));
        link.href = "../parts/" + item.part_id + "/";
      } else {
        strong.textContent = name;
      }
      if (item.key_specs) part.appendChild(el("span", item.key_specs, "bg-compare-specs"));
      part.appendChild(el("span", item.line_total_display, "bg-compare-price"));
      td.appendChild(part);
    });
    var key = items.map(function (i) { return i.quantity + "×" + (i.part_id || i.name); }).join("+");
    return { key: key, cell: td };
  }

  function row(label, a, b, keyA, keyB) {
    var tr = el("tr", null, keyA === keyB ? "" : "bg-diff");
    tr.appendChild(el("th", label)).setAttribute("scope", "row");
    tr.appendChild(a);
    tr.appendChild(b);
    return tr;
  }

  function textRow(label, a, b) {
    return row(label, el("td", a), el("td", b), a, b);
  }

  function table(a, b) {
    var t = el("table");
    var head = el("tr");
    head.appendChild(el("td", ""));  // the corner above the row names heads nothing
    [a, b].forEach(function (build) {
      var th = el("th");
      th.setAttribute("scope", "col");
      var link = el("a", build.title);
      link.href = "../builds/" + build.slug + "/";
      th.appendChild(link);
      head.appendChild(th);
    });
    t.appendChild(el("thead")).appendChild(head);
    var body = t.appendChild(el("tbody"));
    body.appendChild(textRow("Total", a.totals.core_display + " " + a.currency,
      b.totals.core_display + " " + b.currency));
    body.appendChild(textRow("Compatibility", a.compatibility.verdict, b.compatibility.verdict));
    if (a.load || b.load) body.appendChild(textRow("Estimated load", a.load ? a.load.display : "—",
      b.load ? b.load.display : "—"));
    body.appendChild(textRow("GPUs", a.facts.gpus || "none", b.facts.gpus || "none"));
    body.appendChild(textRow("GPU memory", a.facts.gpu_memory_gb ? a.facts.gpu_memory_gb + " GB" : "—",
      b.facts.gpu_memory_gb ? b.facts.gpu_memory_gb + " GB" : "—"));
    body.appendChild(textRow("RAM", a.facts.ram || "—", b.facts.ram || "—"));
    body.appendChild(textRow("Prices as of", a.prices_as_of, b.prices_as_of));
    var ra = partsByRole(a), rb = partsByRole(b);
    ROLES.forEach(function (pair) {
      var role = pair[0];
      if (!ra[role] && !rb[role]) return;
      var da = describe(ra[role]), db = describe(rb[role]);
      body.appendChild(row(pair[1], da.cell, db.cell, da.key, db.key)).dataset.role = role;
    });
    return t;
  }

  function show(form) {
    var result = document.getElementById("bg-compare-result");
    var a = form.elements.a.value, b = form.elements.b.value;
    Promise.all([fetchBuild(a), fetchBuild(b)]).then(function (builds) {
      result.replaceChildren(table(builds[0], builds[1]));
    }).catch(function (error) {
      result.replaceChildren(el("p", "Could not load the builds: " + error.message, "bg-compare-error"));
    });
  }

  document$.subscribe(function () {
    var form = document.getElementById("bg-compare-form");
    if (!form) return;
    var params = new URLSearchParams(window.location.search);
    ["a", "b"].forEach(function (name) {
      var wanted = params.get(name);
      var select = form.elements[name];
      if (wanted && Array.prototype.some.call(select.options, function (o) { return o.value === wanted; })) {
        select.value = wanted;
      }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var query = "?a=" + form.elements.a.value + "&b=" + form.elements.b.value;
      window.history.replaceState(null, "", query);
      show(form);
    });
    show(form);
  });
})();
