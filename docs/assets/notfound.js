// The 404 page's suggestions: the builds and parts whose addresses are closest to the one asked for, or that
// hold its words, from the
// list the render step writes (downloads/site/pages.json). Titles are contributor text: they go in as text
// nodes only, never as HTML.
(() => {
  const script = document.currentScript;
  const box = document.querySelector(".bg-notfound-suggestions");
  if (!script || !box) return;
  const pages = new URL(script.dataset.pages, location.href);
  const base = new URL("../../", pages); // the site's root: the list is two folders down
  const path = location.pathname.startsWith(base.pathname) ? location.pathname.slice(base.pathname.length) : "";
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // a stray "%" in a mistyped address: match on it as typed
  }
  const parts = decoded.toLowerCase().split("/").filter((p) => p && p !== "index.html");
  const folder = parts.length > 1 && (parts[0] === "builds" || parts[0] === "parts") ? parts.shift() : "";
  const wanted = parts.join("-");
  if (!wanted) return;

  // Dice's coefficient on letter pairs: a typo or a cut-off address keeps most of its pairs.
  const pairs = (text) => {
    const found = new Map();
    for (let i = 0; i < text.length - 1; i++) found.set(text.slice(i, i + 2), (found.get(text.slice(i, i + 2)) || 0) + 1);
    return found;
  };
  const want = pairs(wanted);
  const size = wanted.length - 1;
  const similarity = (name) => {
    const have = pairs(name);
    let shared = 0;
    for (const [pair, count] of have) shared += Math.min(count, want.get(pair) || 0);
    return (2 * shared) / (size + name.length - 1 || 1);
  };

  // Words, for an address cut down to a name or a model ("/builds/titan/", "/parts/rtx-4090/"): the share of its
  // words that a page's address or title holds.
  const words = (text) => text.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 1);
  const wantedWords = [...new Set(words(wanted))];
  const wordShare = (c) => {
    if (!wantedWords.length) return 0;
    const have = new Set([...words(c.name), ...words(c.title)]);
    return wantedWords.filter((w) => have.has(w)).length / wantedWords.length;
  };

  fetch(pages)
    .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
    .then((list) => {
      const candidates = [
        ...list.builds.map(([name, title]) => ({ name, title, folder: "builds", kind: "build" })),
        ...list.parts.map(([name, title]) => ({ name, title, folder: "parts", kind: "part" })),
      ];
      const scored = candidates
        .map((c) => ({ ...c, close: similarity(c.name) }))
        .map((c) => ({ ...c, score: Math.max(c.close, 0.9 * wordShare(c)) + (c.folder === folder ? 0.1 : 0) }))
        .filter((c) => c.score >= 0.5)
        .sort((a, b) => b.score - a.score || b.close - a.close)
        .slice(0, 5);
      if (!scored.length) return;
      const list_ = box.querySelector("ul");
      for (const c of scored) {
        const item = document.createElement("li");
        const link = document.createElement("a");
        link.href = new URL(`${c.folder}/${c.name}/`, base).href;
        link.textContent = c.title;
        item.append(link, document.createTextNode(` (${c.kind})`));
        list_.append(item);
      }
      box.hidden = false;
    })
    .catch(() => {}); // no list, no suggestions: the links above still help
})();
