"""The `targetwatch` command line: one module per use case, one Typer app."""

from service.cli import (
    assess,
    catalog,
    emails,
    forecast,
    ingest,
    recipients,
    replay,
    scheduler,
    users,
)
from service.cli.apps import app

__all__ = ["app", "assess", "catalog", "emails", "forecast", "ingest", "recipients", "replay",
           "scheduler", "users"]
