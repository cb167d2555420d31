"""Kiosk mode on screen (``?kiosk=1``): big navigation, the VI/EN switch, the QR code, the idle
countdown and reset, and the attract loop of highlight slides.

What a kiosk does is decided in :mod:`components.kiosk` (pure, tested without a server); this
module only draws it. Idle time is measured in the browser, because a visitor scrolling or panning
the map sends nothing to the server. A reset is a full page load of the highlights page: a new
session, so nothing of the previous visitor is left on either side.
"""

from __future__ import annotations

import json
import os

import streamlit as st

from components import data, i18n, kiosk, maps, render, site, widgets
from components.i18n import N_

SLIDE_KEY = "_kiosk_slide"

KIOSK_CSS = """
<style>
html { font-size: 21px; }
[data-testid="stHeader"], [data-testid="stSidebar"], [data-testid="stSidebarCollapseButton"],
[data-testid="stExpandSidebarButton"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"], [data-testid="stElementToolbar"], [data-testid="stSkipToContent"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 1.2rem 2.2rem 3rem !important; max-width: none !important; }
* { -webkit-tap-highlight-color: transparent; }
body { user-select: none; -webkit-user-select: none; overscroll-behavior: none; }
h1 { font-size: 2.4rem !important; }
.st-key-kiosk_head > div:first-child { flex: 1 1 28rem; }
.ls-brand { margin: 0; font-size: 1.15rem; font-weight: 700; color: #0b5d43; line-height: 1.3; }
.ls-brand small { display: block; font-weight: 400; font-size: .8rem; color: #3d5249; }
.st-key-kiosk_nav a, .st-key-kiosk_nav [data-testid="stPageLink-NavLink"] {
  min-height: 60px; display: flex; align-items: center; justify-content: center; padding: .35rem 1.1rem;
  border: 2px solid #0b6e4f; border-radius: .8rem; background: #fff; font-size: 1rem; font-weight: 600;
  text-align: center; text-decoration: none; }
.st-key-kiosk_nav [data-testid="stPageLink-NavLink"] p, .st-key-kiosk_nav a p { font-size: 1rem !important; }
.st-key-kiosk_nav .st-key-kiosk_nav_current a { background: #0b6e4f; }
.st-key-kiosk_nav .st-key-kiosk_nav_current a p { color: #fff !important; }
.st-key-lang_switch button { min-height: 60px; min-width: 9rem; font-size: 1.05rem !important; font-weight: 700; }
.st-key-lang_switch button p { font-size: 1.05rem !important; }
.st-key-lang_switch button[aria-checked="true"] { background: #0b6e4f !important; border-color: #0b6e4f !important; }
.st-key-lang_switch button[aria-checked="true"] p { color: #fff !important; }
button, summary, [role="button"], [role="tab"], [data-baseweb="tab"] { min-height: 48px !important; min-width: 48px; }
.ls-src summary, .ls-note summary, [data-testid="stExpander"] summary { min-height: 48px; display: flex;
  align-items: center; gap: .4rem; }
.ls-src summary::-webkit-details-marker { display: none; }
.ls-qr { display: flex; align-items: center; gap: .7rem; justify-content: flex-end; }
.ls-qr img { width: 132px; height: 132px; image-rendering: pixelated; border-radius: .3rem; }
.ls-qr p { margin: 0; font-size: .78rem; color: #3d5249; max-width: 11rem; line-height: 1.3; }
.ls-qr strong { display: block; color: #1b2a24; font-size: .9rem; }
.ls-slide h1 { font-size: 2.3rem !important; margin: 0 0 1rem !important; padding: .4rem 0 0 !important; color: #0b5d43; }
[data-testid="stHeaderActionElements"] { display: none !important; }
.ls-slide .ls-kpis { grid-template-columns: repeat(3, 1fr); gap: 1.2rem; }
.ls-slide .ls-kpi { padding: 1.2rem 1.4rem; }
.ls-slide .ls-kpi h3 { font-size: 1.1rem; }
.ls-slide .ls-kpi-value { font-size: 2.4rem; }
.ls-slide .ls-items li { font-size: 1.3rem; margin-bottom: 1.2rem; }
.ls-slide { animation: ls-fade .7s ease-out; }
@keyframes ls-fade { from { opacity: 0; transform: translateY(.6rem); } to { opacity: 1; transform: none; } }
.ls-slide .ls-items strong { font-size: 1.3rem; }
.ls-slide-source { font-size: .95rem; color: #3d5249; border-top: 2px solid #e6efe9; padding-top: .6rem; margin-top: .8rem; }
.ls-dots { display: flex; gap: .6rem; margin: .6rem 0 0 !important; padding: 0 !important; list-style: none; }
.ls-dots li { width: 1rem; height: 1rem; border-radius: 50%; background: #cfe0d7; }
.ls-dots li.on { background: #0b6e4f; }
.ls-cta { position: fixed; left: 2.2rem; right: 2.2rem; bottom: 1.2rem; z-index: 20; display: flex;
  align-items: center; justify-content: center; min-height: 88px; border-radius: 1rem; margin: 0;
  background: #0b6e4f; color: #fff; font-size: 1.5rem; font-weight: 700;
  box-shadow: 0 .4rem 1.6rem rgba(0, 0, 0, .18); animation: ls-pulse 2.4s ease-in-out infinite; }
.st-key-kiosk_attract { padding-bottom: 7rem; }
@keyframes ls-pulse { 50% { background: #13875f; } }
#ls-kiosk-countdown { position: fixed; inset: 0; z-index: 1000100; background: rgba(11, 40, 30, .82);
  display: flex; align-items: center; justify-content: center; }
#ls-kiosk-countdown section { background: #fff; border-radius: 1.2rem; padding: 2.2rem 2.8rem; max-width: 40rem;
  text-align: center; box-shadow: 0 1rem 3rem rgba(0, 0, 0, .3); }
#ls-kiosk-countdown h2 { font-size: 1.7rem; margin: 0 0 .6rem; color: #1b2a24; }
#ls-kiosk-countdown p { font-size: 1.1rem; margin: 0 0 1.4rem; color: #3d5249; }
#ls-kiosk-countdown .ls-count { font-size: 4rem; font-weight: 800; color: #0b6e4f; line-height: 1; margin: .2rem 0 1rem; }
#ls-kiosk-countdown button { min-height: 72px; min-width: 18rem; font-size: 1.35rem; font-weight: 700; border: 0;
  border-radius: .9rem; background: #0b6e4f; color: #fff; cursor: pointer; }
.maplibregl-ctrl-group button, .mapboxgl-ctrl-group button { width: 48px !important; height: 48px !important; }
@media (orientation: portrait) {
  html { font-size: 23px; }
  .ls-slide .ls-kpis { grid-template-columns: repeat(2, 1fr); }
  .st-key-slide_map [data-testid="stHorizontalBlock"] { flex-direction: column; }
  .st-key-slide_map [data-testid="stColumn"] { width: 100% !important; flex: 1 1 auto !important; }
  [data-testid="stMainBlockContainer"] { padding: 1rem 1.4rem 3rem !important; }
}
</style>
"""

# Runs in the page itself (not a frame): it watches for touches, keys, wheels and scrolls. In page
# mode, after ``idle`` seconds without any it shows the countdown, then loads the highlights page
# afresh. In attract mode any touch loads the home page afresh. Both are full page loads, never a
# rerun racing the slide timer. Installed once per page load; each run only replaces its settings.
# Texts come from our catalog and are set with textContent.
_IDLE_JS = """<script>(() => {
  window.__lsKioskCfg = %s;
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
})()</script>"""

PAGE_TITLES = {slug: title for _p, title, slug in site.PAGES}
PATHS = {slug: path for path, _t, slug in site.PAGES}
HIGHLIGHTS_PATH = "pages/highlights.py"


def resolve() -> kiosk.Settings | None:
    """Kiosk settings when this session is a kiosk (``?kiosk=1`` once is enough), else None.

    The settings are kept in the session and written back to the URL, so every page, reload and
    reset keeps them; a bad value has already fallen back to its default.
    """
    query = st.query_params.to_dict()
    settings = widgets.kiosk_settings()
    if kiosk.is_on(query.get(kiosk.FLAG)):
        settings = kiosk.settings(query)
    if settings is None:
        return None
    st.session_state[widgets.KIOSK_KEY] = settings
    wanted = settings.query()
    for key in kiosk.KIOSK_PARAMS:
        if key in wanted and query.get(key) != wanted[key]:
            st.query_params[key] = wanted[key]
        elif key not in wanted and key in query:
            st.query_params.pop(key)
    return settings


def chrome(settings: kiosk.Settings, lang: str, mode: str) -> None:
    """Kiosk styles and the idle watcher (``mode`` is "page" or "attract")."""
    st.html(KIOSK_CSS)
    reset = {"path": kiosk.HIGHLIGHTS, "query": {**settings.query(), widgets.LANG_KEY: settings.reset_lang}}
    home = {"path": "", "query": widgets.link_query(lang)}
    config = {"idle": settings.idle, "countdown": settings.countdown, "mode": mode, "reset": reset, "home": home,
              "texts": {"title": i18n.translate(N_("Still there?"), lang),
                        "body": i18n.translate(N_("The screen will start again for the next visitor."), lang),
                        "keep": i18n.translate(N_("Keep viewing"), lang)}}
    payload = json.dumps(config, ensure_ascii=False).replace("</", "<\\/")
    st.html(_IDLE_JS % payload, unsafe_allow_javascript=True)


def top_bar(lang: str, slug: str) -> None:
    """The kiosk's header: the plan's name, the VI/EN switch, the QR code, then the page buttons."""
    _ = i18n.gettext_for(lang)
    # A wrapping row, so that in portrait the QR code moves under the name rather than squeezing the switch.
    with st.container(horizontal=True, key="kiosk_head", vertical_alignment="center", gap="medium"):
        _brand(lang)
        with st.container(width="content", key="kiosk_switch"):
            widgets.language_switch(lang)
        with st.container(width="content", key="kiosk_qr"):
            take_it_with_you(lang, slug)
    with st.container(horizontal=True, key="kiosk_nav", gap="small"):
        for page in kiosk.PAGES:
            # Streamlit marks the current page only by a generated class: mark it with a key of ours.
            with st.container(key="kiosk_nav_current" if page == slug else f"kiosk_nav_{page or 'home'}",
                              width="content"):
                st.page_link(PATHS[page], label=_(PAGE_TITLES[page]), query_params=widgets.link_query(lang))


def _brand(lang: str) -> None:
    _ = i18n.gettext_for(lang)
    widgets.html(render.brand(_("Lạng Sơn provincial plan 2021–2030, vision to 2050"),
                              _("As adjusted by Decision 339/QĐ-UBND of 28 February 2026")))


def take_it_with_you(lang: str, slug: str) -> None:
    """A QR code of this view on the public site (address from ``PLAN_PUBLIC_URL``, else this server)."""
    _ = i18n.gettext_for(lang)
    base = os.environ.get(kiosk.PUBLIC_URL_ENV) or (st.context.url or "").split("?")[0].rsplit("/", 1)[0]
    address = kiosk.public_address(base, slug, st.query_params.to_dict())
    if not address:
        return
    alt = _("QR code: {address}").format(address=address)
    widgets.html(render.qr_panel(_("Take it with you"), _("Scan to open this page on your phone."),
                                 kiosk.qr_data_uri(address), alt))


def highlights(lang: str) -> None:
    """The attract loop: one highlight slide at a time, the next every ``slide`` seconds, until touched."""
    _ = i18n.gettext_for(lang)
    settings = widgets.kiosk_settings() or kiosk.Settings()
    _brand(lang)

    @st.fragment(run_every=settings.slide)
    def show() -> None:
        ids = settings.slides
        index = int(st.session_state.get(SLIDE_KEY, 0)) % len(ids)
        st.session_state[SLIDE_KEY] = kiosk.next_index(index, len(ids))
        draw_slide(kiosk.slide(data.package(), ids[index], lang), lang, index, len(ids))

    with st.container(key="kiosk_attract"):
        show()
    if widgets.kiosk_settings():
        # Not a button: any touch or key anywhere wakes the kiosk (the watcher loads the home page afresh).
        widgets.html(render.call_to_action(_("Touch the screen to explore the plan")))
    else:
        st.page_link(PATHS[""], label=_("Touch the screen to explore the plan"), query_params=widgets.link_query(lang))


def draw_slide(slide: kiosk.Slide, lang: str, index: int, count: int) -> None:
    _ = i18n.gettext_for(lang)
    with st.container(key=f"slide_{slide.id}"):
        widgets.html(render.slide_heading(slide.id, slide.title))
        items = list(slide.items)
        if slide.kind == "figures":
            widgets.html(f'<div class="ls-slide">{render.kpi_cards(items, lang)}</div>')
        elif slide.kind in ("statements", "items"):
            widgets.html(f'<div class="ls-slide">{render.item_list(items, lang, ordered=slide.kind == "items")}</div>')
        else:
            left, right = st.columns([3, 1])
            with left:
                st.pydeck_chart(widgets.deck(lang, kiosk.MAP_LAYERS, False, 8.1, maps.CENTRE), height=720,
                                alt=maps.summary(data.package(), lang))
            with right:
                widgets.html(render.map_legend(maps.legend(lang, kiosk.MAP_LAYERS), _("Legend")))
            st.caption(_("Positions are approximate and for orientation only; this schematic map draws no borders. "
                         "The axis is drawn through the Hữu Nghị gate, the Lạng Sơn urban area, Chi Lăng and Hữu "
                         "Lũng; lines towards neighbouring provinces stop at the edge of the map."))
        progress = _("Slide {n} of {count}").format(n=index + 1, count=count)
        widgets.html(render.slide_footer(slide.source, progress, index, count))
