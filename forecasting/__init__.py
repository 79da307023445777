"""Panel forecasts and probabilities: pure numerics, imports nothing of ours."""
