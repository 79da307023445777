"""The `targetwatch` command line: one module per use case, one Typer app."""

from service.cli import alerts, assess, catalog, forecast, ingest, outbox, replay, scheduler, users
from service.cli.apps import app

__all__ = ["alerts", "app", "assess", "catalog", "forecast", "ingest", "outbox", "replay",
           "scheduler", "users"]
