// Links between app pages are plain links (inlined by components/app_html.py, which names the app's pages
// in data-pages): one element of HTML instead of a Streamlit widget per link, a real address to open in a
// new tab or to copy, and a page search engines can follow. A plain click on one, or the sidebar's search
// form, moves within the running app instead of loading it again: the new address goes into the history,
// and Streamlit's own back/forward handling (its "popstate" listener) runs the page it names, as it does
// for the browser's Back button. The language switch is two such links. Anything else (a new tab, a
// download, the static edition, another site) is left to the browser; without this script every link still
// works, as a full load.
(() => {
  const script = document.currentScript;
  let pages;
  try { pages = new Set(JSON.parse(script.dataset.pages)); } catch (e) { return; }

  const appUrl = (href) => {
    let url;
    try { url = new URL(href, window.location.href); } catch (e) { return null; }
    if (url.origin !== window.location.origin) return null;
    return pages.has(url.pathname.replace(/^\/+|\/+$/g, '')) ? url : null;
  };

  const go = (url) => {
    const here = window.location.pathname + window.location.search;
    if (url.pathname + url.search === here) {
      if (url.hash) window.location.hash = url.hash;
      return;
    }
    window.history.pushState(null, '', url.pathname + url.search + url.hash);
    window.dispatchEvent(new PopStateEvent('popstate'));
    // On a phone the sidebar covers the page: close it, as Streamlit's own page list does.
    const sidebar = document.querySelector('[data-testid="stSidebar"][aria-expanded="true"]');
    if (sidebar && window.matchMedia('(max-width: 767.98px)').matches) {
      const close = sidebar.querySelector('[data-testid="stSidebarCollapseButton"] button');
      if (close) close.click();
    }
  };

  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey
        || event.altKey) return;
    const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
    if (!link || (link.target && link.target !== '_self') || link.hasAttribute('download')) return;
    const url = appUrl(link.href);
    if (!url) return;
    event.preventDefault();
    // The language switch: this address as it is now (a layer or a filter chosen since the page was drawn),
    // in the other language.
    if (link.closest('.ls-lang') && link.hreflang) {
      const here = new URL(window.location.href);
      here.searchParams.set('lang', link.hreflang);
      go(here);
      return;
    }
    go(url);
  });

  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (event.defaultPrevented || !(form instanceof HTMLFormElement) || form.method.toLowerCase() !== 'get') return;
    const url = appUrl(form.action);
    if (!url) return;
    event.preventDefault();
    const query = new URLSearchParams(url.search);  // what the action names (the language), then the fields
    for (const [name, value] of new FormData(form)) query.set(name, value);
    url.search = query.toString();
    go(url);
  });
})();
