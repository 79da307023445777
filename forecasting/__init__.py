"""Panel forecasts and probabilities: pure numerics, imports nothing of ours.

`forecast_panel(history, horizon, levels=(80, 95))` is the entry point: a tidy frame of
many series in, a `PanelForecast` out (tidy point forecasts and intervals, quantiles,
sample paths, and the model each series got and why).
"""

from forecasting.panel_forecast import PanelForecast, forecast_panel

__all__ = ["PanelForecast", "forecast_panel"]
