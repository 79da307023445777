"""Scheduled jobs: each opens its own session and owns its transaction."""
