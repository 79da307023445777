"""The `targetwatch` command line: one module per use case, one Typer app."""

from service.cli import (
    alerts,
    assess,
    catalog,
    emails,
    forecast,
    ingest,
    outbox,
    recipients,
    replay,
    scheduler,
    users,
)
from service.cli.apps import app

__all__ = ["alerts", "app", "assess", "catalog", "emails", "forecast", "ingest", "outbox",
           "recipients", "replay", "scheduler", "users"]
