"""The baseline of the performance budgets: a bare Streamlit page, a title and a paragraph."""

import streamlit as st

st.title("Quy hoạch tỉnh Lạng Sơn")
st.write("Một trang Streamlit trần: một tiêu đề và một đoạn văn. A bare Streamlit page: a title and a paragraph.")
