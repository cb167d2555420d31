"""Start the app with its own routes: ``streamlit run server.py`` (what ``make run`` does).

The interactive app is ``app.py``; the static edition (``build/site``, made by ``make static``) is served
by the routes of ``components/server.py`` ahead of Streamlit's own.
"""

import streamlit as st

from components import server

app = st.App("app.py", routes=server.routes())
