"""Streamlit page sections. app.py lays them out; the work is done in the geo library."""
