/* Wide screens: load the interactive map by itself once the visitor is using the page.
 *
 * The map area first shows the static picture (components/widgets.py). Its wrapper carries
 * data-ls-explore (the map's key, which names its "Explore the map" link) while the map may load by
 * itself. On a screen at least 768 px wide, after a first wheel, touch, key or pointer action, the
 * first such wrapper that is (or comes) in view gets its link followed (static/js/soft-links.js keeps
 * that within the running app): Streamlit then draws the deck.gl map in the same box. The visitor did
 * not ask for a new page, so the address changes in place (data-ls-history="replace"): Back still leads
 * to the page before, not to the picture, which would load the map again and trap it. Nothing happens
 * on load alone (the deck.gl library is large and busy), on narrow screens (a visitor there asks with
 * the link), or when the visitor asked to save data.
 *
 * In the head of every app page (components/app_html.py: HEAD_SCRIPTS), once: the app's pages change
 * without a new load, so it watches for map pictures wherever they appear. Nothing from the data or the
 * URL is in here.
 */
(() => {
  if (window.__lsMapExplore) return;

  const WIDE = window.matchMedia('(min-width: 768px)');
  // A person scrolls with a wheel, a finger, a key or the scroll bar (a pointer); a bare scroll event
  // may come from the app itself.
  const ACTIVITY = ['wheel', 'touchstart', 'keydown', 'pointerdown', 'pointermove'];
  const watched = new Set();
  const inView = new Set();
  let active = false;

  const allowed = () => WIDE.matches && !(navigator.connection && navigator.connection.saveData);

  const open = (wrapper) => {
    if (!active || !allowed() || !wrapper.isConnected || wrapper.dataset.lsExploreSent) return;
    const key = wrapper.dataset.lsExplore;
    if (!/^[\w-]+$/.test(key)) return;
    const link = [...document.querySelectorAll('a.ls-explore[data-ls-map="' + key + '"]')]
      .find((a) => a.getClientRects().length);
    if (!link) return;
    wrapper.dataset.lsExploreSent = '1';  // one click per drawn picture
    link.dataset.lsHistory = 'replace';
    link.click();
    delete link.dataset.lsHistory;  // a later click of the visitor's own is a step of its own
  };

  const seen = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (entry.isIntersecting) { inView.add(entry.target); open(entry.target); }
      else inView.delete(entry.target);
    }
  }, { threshold: 0.2 });

  const scan = () => {
    for (const wrapper of document.querySelectorAll('[data-ls-explore]')) {
      if (!watched.has(wrapper)) { watched.add(wrapper); seen.observe(wrapper); }
    }
    for (const wrapper of watched) {  // redrawn pictures: let the old ones go
      if (!wrapper.isConnected) { watched.delete(wrapper); inView.delete(wrapper); seen.unobserve(wrapper); }
    }
  };

  const onActivity = (ev) => {
    if (ev.type === 'pointermove' && ev.pointerType !== 'mouse') return;
    active = true;
    for (const type of ACTIVITY) window.removeEventListener(type, onActivity, true);
    for (const wrapper of inView) open(wrapper);
  };
  for (const type of ACTIVITY) window.addEventListener(type, onActivity, { capture: true, passive: true });

  // Streamlit redraws the page on every run (another page, new layers): look for new pictures then.
  let pending = 0;
  const watch = () => new MutationObserver(() => {
    if (!pending) pending = window.setTimeout(() => { pending = 0; scan(); }, 200);
  }).observe(document.body, { childList: true, subtree: true });
  if (document.body) watch();
  else document.addEventListener('DOMContentLoaded', watch);

  window.__lsMapExplore = { scan };
  scan();
})();
