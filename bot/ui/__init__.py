"""Helpers for the Streamlit app: pure functions that shape bot data for drawing."""
