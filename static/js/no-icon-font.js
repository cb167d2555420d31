// Streamlit asks for its 375 KB icon font as soon as it starts (document.fonts.load), for the few arrows it
// draws with it. Our pages draw those arrows in their own font (static/css/app.css), so the request is
// skipped: on a slow connection those are two seconds the page needs for itself. Any other font loads as
// asked. Inlined before Streamlit's bundle by components/app_html.py.
(() => {
  const fonts = document.fonts;
  if (!fonts || typeof fonts.load !== 'function') return;
  const load = fonts.load.bind(fonts);
  fonts.load = (font, text) => (/Material Symbols/.test(String(font)) ? Promise.resolve([]) : load(font, text));
})();
