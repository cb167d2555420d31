// Copy buttons of the share box (render.copy_field): one listener for the whole page, added once.
(() => {
  if (window.__lsCopy) return;
  window.__lsCopy = true;
  document.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-copy]");
    if (!button) return;
    const field = document.getElementById(button.dataset.copy);
    if (!field) return;
    const shown = button.textContent;
    const done = () => {
      button.textContent = button.dataset.done;
      setTimeout(() => { button.textContent = shown; }, 2000);
    };
    field.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, () => { document.execCommand("copy"); done(); });
    } else {
      document.execCommand("copy");
      done();
    }
  });
})();
