// The kiosk's idle watcher (kiosk_screen.chrome sets window.__lsKioskCfg just before this runs;
// a later run only updates the settings and counts as activity).
(() => {
  if (window.__lsKiosk) { window.__lsKiosk.touch(); return; }
  const state = { last: Date.now(), box: null, going: false };
  const cfg = () => window.__lsKioskCfg;
  const hide = () => { if (state.box) { state.box.remove(); state.box = null; } };
  const touch = () => { state.last = Date.now(); hide(); };
  const go = (target) => {  // a full page load: a new session, nothing kept but the kiosk settings
    const base = location.pathname.replace(/[^/]*$/, '');
    const url = new URLSearchParams(target.query);
    for (const [k, v] of new URLSearchParams(location.search)) { if (k.startsWith('embed')) url.append(k, v); }
    state.last = Date.now() + 60000;  // one navigation at a time
    state.going = true;
    location.replace(base + target.path + '?' + url.toString());
  };
  const wake = (ev) => {
    ev.preventDefault(); ev.stopPropagation();
    if (!state.going) go(cfg().home);
  };
  // A tap on the countdown must not fall through to the page below: the box goes on its own click.
  const onActivity = (ev) => {
    if (cfg().mode === 'attract') { if (ev.type !== 'scroll') wake(ev); return; }
    state.last = Date.now();
    if (state.box && !['pointerdown', 'touchstart'].includes(ev.type)) hide();
  };
  for (const type of ['pointerdown', 'keydown', 'wheel', 'touchstart', 'scroll']) {
    window.addEventListener(type, onActivity, { capture: true, passive: type === 'scroll' || type === 'wheel' });
  }
  const show = (left) => {
    const c = cfg();
    if (!state.box) {
      const box = document.createElement('div');
      box.id = 'ls-kiosk-countdown';
      box.setAttribute('role', 'alertdialog');
      box.setAttribute('aria-modal', 'true');
      const sec = document.createElement('section');
      const h = document.createElement('h2'); h.id = 'ls-kiosk-countdown-title'; h.textContent = c.texts.title;
      box.setAttribute('aria-labelledby', h.id);
      const count = document.createElement('div'); count.className = 'ls-count'; count.setAttribute('aria-live', 'assertive');
      const p = document.createElement('p'); p.textContent = c.texts.body;
      const btn = document.createElement('button'); btn.type = 'button'; btn.textContent = c.texts.keep;
      box.addEventListener('click', (ev) => { ev.stopPropagation(); touch(); });
      sec.append(h, count, p, btn); box.append(sec); document.body.append(box);
      state.box = box; btn.focus();
    }
    state.box.querySelector('.ls-count').textContent = String(left);
  };
  setInterval(() => {
    const c = cfg();
    if (c.mode !== 'page') { hide(); return; }
    // While the app is still drawing a page the visitor is waiting, not gone.
    if (document.querySelector('[data-testid="stApp"][data-test-script-state="running"]')) state.last = Date.now();
    const idle = (Date.now() - state.last) / 1000;
    if (idle >= c.idle + c.countdown) { if (!state.going) go(c.reset); }
    else if (idle >= c.idle) show(Math.ceil(c.idle + c.countdown - idle));
    else if (state.box && idle > 1.5) hide();  // pressed but never released on it
  }, 200);
  window.__lsKiosk = { touch };
})()
