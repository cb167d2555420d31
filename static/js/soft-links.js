// Links between app pages are plain links (inlined by components/app_html.py, which names the app's pages
// in data-pages): one element of HTML instead of a Streamlit widget per link, a real address to open in a
// new tab or to copy, and a page search engines can follow. A plain click on one, or the page top's search
// form, moves within the running app instead of loading it again: the new address goes into the history,
// and Streamlit's own back/forward handling (its "popstate" listener) runs the page it names, as it does
// for the browser's Back button. The language switch is two such links, the map's "Explore the map" one, a
// row of choices (the map's layers, the targets' domains) more, and a choice list (the reader's parts) a
// plain form. Anything else (a new tab, a download, the static edition, another site) is left to
// the browser; without this script every link still works, as a full load.
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

  // replace: change the address in place, not a step of the history (a link followed by another script
  // of ours, not by the visitor: static/js/map-explore.js).
  const go = (url, replace) => {
    const here = window.location.pathname + window.location.search;
    if (url.pathname + url.search === here) {
      if (url.hash) window.location.hash = url.hash;
      return;
    }
    window.history[replace ? 'replaceState' : 'pushState'](null, '', url.pathname + url.search + url.hash);
    window.dispatchEvent(new PopStateEvent('popstate'));
  };

  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey
        || event.altKey) return;
    const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
    if (!link || (link.target && link.target !== '_self') || link.hasAttribute('download')) return;
    const url = appUrl(link.href);
    if (!url) return;
    event.preventDefault();
    // The language switch, and a link that sets one parameter (data-ls-set="map=interactive"; "domain=" drops
    // it): this address as it is now (a point chosen on the map since the link was drawn), in the other
    // language or with that value.
    const set = /^(\w+)=(.*)$/.exec(link.dataset.lsSet || '');
    if ((link.closest('.ls-lang') && link.hreflang) || set) {
      const here = new URL(window.location.href);
      if (!set) here.searchParams.set('lang', link.hreflang);
      else if (set[2]) here.searchParams.set(set[1], set[2]);
      else here.searchParams.delete(set[1]);
      go(here, link.dataset.lsHistory === 'replace');
      return;
    }
    go(url, link.dataset.lsHistory === 'replace');
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

  // A choice list (render.choice_form): a choice made with the pointer opens at once, as Streamlit's select
  // box did; with the keyboard, the arrow keys on a closed list only move the choice (a page per key press
  // would trap a keyboard user), and Enter or the button opens it.
  const chooser = (target) => (target instanceof HTMLSelectElement && target.form
                               && target.form.classList.contains('ls-choose') ? target : null);
  let keyed = false;
  document.addEventListener('pointerdown', (event) => { if (chooser(event.target)) keyed = false; });
  document.addEventListener('keydown', (event) => {
    const select = chooser(event.target);
    if (!select) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      select.form.requestSubmit();
    } else if (event.key === ' ' || event.key === 'F4' || event.altKey) {
      keyed = false;  // opens the list: the choice made in it opens at once
    } else if (event.key !== 'Tab' && event.key !== 'Shift') {
      keyed = true;
    }
  });
  document.addEventListener('change', (event) => {
    const select = chooser(event.target);
    if (!select) return;
    if (keyed) {
      keyed = false;
      return;
    }
    select.form.requestSubmit();
  });
})();
