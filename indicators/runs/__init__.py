"""Runs over the stored targets: assessments (`assessment`), forecasts of their series
(`forecast`) and what a forecast says about each target (`outlook`). Each run is stored
whole or not at all: they flush, and the caller commits."""
