"""Start the app with its own routes: ``streamlit run server.py`` (what ``make run`` does).

The interactive app is ``app.py``; the static edition (``build/site``, made by ``make static``) is served
by the routes of ``components/server.py`` ahead of Streamlit's own. Uncaught failures of the script and
of widget callbacks go to ``components/guard.py`` (one message in the page's language, with a reference).
"""

import streamlit as st

from components import app_html, guard, server

app_html.serve_heads()  # every page's first HTML carries our styles and scripts: the runs need not send them
app = st.App("app.py", routes=server.routes(), on_script_error=guard.show)
