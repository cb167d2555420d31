// Streamlit's own screen-reader labels in the page's language (widgets.set_document_lang sets
// window.__lsLabels, original label to translation, and the document language just before this runs).
(() => {
  const apply = () => {
    const map = window.__lsLabels;
    document.querySelectorAll('[aria-label], [data-testid="stSkipToContent"]').forEach(el => {
      const isSkip = el.getAttribute('data-testid') === 'stSkipToContent';
      const now = isSkip ? el.textContent : el.getAttribute('aria-label');
      const orig = el.getAttribute('data-ls-orig') || now;
      if (!(orig in map)) return;
      el.setAttribute('data-ls-orig', orig);
      const want = map[orig];
      if (now !== want) { if (isSkip) el.textContent = want; else el.setAttribute('aria-label', want); }
    });
  };
  apply();
  if (!window.__lsObserver) {
    window.__lsObserver = new MutationObserver(apply);
    window.__lsObserver.observe(document.body, {childList: true, subtree: true, attributes: true,
                                                attributeFilter: ['aria-label']});
  }
})()
