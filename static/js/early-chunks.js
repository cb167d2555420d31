// Load the code of the elements our pages draw while the app connects (inlined by components/app_html.py,
// which lists the files in #ls-chunks).
//
// Streamlit fetches an element's code only when the first element of its kind arrives, and draws a
// stand-in until then: everything jumped, and the page was ready late. Asking for those files with the
// page itself made them compete with Streamlit's bundle and its first calls to the server on a slow
// connection (six connections, half a second each way): the server check waited 3 s for a free one.
// So they are asked for as soon as that check is answered (/_stcore/host-config), while the websocket
// opens and the script runs; at the latest 8 s after the document is parsed.
(() => {
  const list = document.getElementById('ls-chunks');
  if (!list) return;
  let files;
  try { files = JSON.parse(list.textContent); } catch (e) { return; }
  let done = false;
  const go = () => {
    if (done) return;
    done = true;
    for (const file of files.preload) {
      const link = document.createElement('link');
      link.rel = 'modulepreload';
      link.crossOrigin = '';
      link.href = './static/js/' + file;
      document.head.appendChild(link);
    }
    for (const file of files.run) import('./static/js/' + file).catch(() => {});
  };
  if ('PerformanceObserver' in window) {
    const seen = new PerformanceObserver((entries) => {
      if (entries.getEntries().some((e) => e.name.endsWith('/_stcore/host-config'))) { seen.disconnect(); go(); }
    });
    try { seen.observe({ type: 'resource', buffered: true }); } catch (e) { go(); }
  } else {
    go();
  }
  window.setTimeout(go, 8000);
})();
