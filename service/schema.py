"""Every table of the application, registered by this one import: what Alembic migrates
and what the migration tests compare with the database."""

from __future__ import annotations

from sqlalchemy import MetaData

import indicators.tables
import ingest.tables
import service.delivery.tables
import service.routing.tables
import service.tables

TABLE_MODULES = (indicators.tables, ingest.tables, service.tables, service.delivery.tables,
                 service.routing.tables)
METADATA: MetaData = indicators.tables.Base.metadata
