// Photos open large in a modal <dialog>: the browser keeps focus inside it, Escape closes it and focus goes back
// to the photo last shown; the arrow keys (or the buttons) step through the page's photos, and the count says
// which is shown. The caption is copied as text, never as HTML. Without scripts, the photo's link opens the
// large copy itself.
(function () {
  function button(label, text, onClick) {
    const element = document.createElement("button");
    element.type = "button";
    element.className = "bg-lightbox-button";
    element.setAttribute("aria-label", label);
    element.textContent = text;
    element.addEventListener("click", onClick);
    return element;
  }

  function open(links, index) {
    const dialog = document.createElement("dialog");
    dialog.className = "bg-lightbox";
    const figure = document.createElement("figure");
    const image = document.createElement("img");
    const caption = document.createElement("figcaption");
    const count = document.createElement("span");
    count.className = "bg-lightbox-count";
    count.setAttribute("aria-live", "polite"); // a screen reader hears "2 of 3" as the arrows step
    const bar = document.createElement("div");
    bar.className = "bg-lightbox-bar";
    if (links.length > 1) {
      bar.append(button("Previous photo", "‹", () => show(index - 1)), count, button("Next photo", "›", () => show(index + 1)));
    }
    const close = button("Close", "×", () => dialog.close());
    close.autofocus = true; // focus starts on Close, so Enter again does not step to another photo
    bar.append(close);
    figure.append(image, caption);
    dialog.append(bar, figure);

    function show(next) {
      index = (next + links.length) % links.length;
      const link = links[index];
      const thumb = link.querySelector("img");
      const text = link.closest("figure") && link.closest("figure").querySelector("figcaption");
      // The copy that fills the dialog (96vw at most), not always the full photo: a phone needs a fifth of it.
      image.srcset = thumb ? thumb.srcset : "";
      image.sizes = "96vw";
      image.src = link.href;
      image.alt = thumb ? thumb.alt : "";
      if (thumb) {
        image.width = Number(thumb.getAttribute("width"));
        image.height = Number(thumb.getAttribute("height"));
      }
      caption.textContent = text ? text.textContent : "";
      count.textContent = `${index + 1} of ${links.length}`;
      dialog.setAttribute("aria-label", image.alt || "Photo");
    }

    dialog.addEventListener("keydown", (event) => {
      event.stopPropagation(); // the theme's shortcuts (search, page turns) are not for the dialog; Escape still closes it
      if (links.length > 1 && event.key === "ArrowRight") show(index + 1);
      else if (links.length > 1 && event.key === "ArrowLeft") show(index - 1);
    });
    dialog.addEventListener("click", (event) => {
      if (event.target === dialog) dialog.close(); // a click on the backdrop
    });
    // Back swaps the page without reloading it (the theme's instant navigation): the photo goes with it.
    const leaving = new AbortController();
    window.addEventListener("popstate", () => dialog.close(), { signal: leaving.signal });
    dialog.addEventListener("close", () => {
      leaving.abort();
      dialog.remove();
      if (links[index].isConnected) links[index].focus();
    });
    document.body.append(dialog);
    show(index);
    dialog.showModal();
  }

  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("a.bg-photo") : null;
    if (!link || event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return; // a new tab or window, as asked
    event.preventDefault();
    const links = Array.from(document.querySelectorAll("a.bg-photo"));
    open(links, links.indexOf(link));
  });
})();
