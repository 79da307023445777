"""The domain: regions, indicators, targets, observations and the target arithmetic."""
