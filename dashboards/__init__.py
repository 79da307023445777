"""Plotly figures and pages: pure functions from frames to figures, no database."""
