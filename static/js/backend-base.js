// Tell Streamlit's frontend where its server is, before its bundle runs: without this, a deep link
// such as /targets first probes /targets/_stcore/health and /targets/_stcore/host-config (two 404s
// and two wasted round trips on every cold load) before it finds the server at the site root.
window.__streamlit = Object.assign({}, window.__streamlit, { BACKEND_BASE_URL: window.location.origin + "/" });
