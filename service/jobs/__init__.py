"""Scheduled jobs: functions of a `JobContext` (settings, session factory), which owns
their transactions; `runner` calls them for the scheduler."""
