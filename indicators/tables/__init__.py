"""Every ORM table of the domain. Importing this package registers them all on
`Base.metadata`; `service.schema` adds the tables of the other packages."""

from indicators.tables import (
    alerts,
    assessments,
    catalogue,
    forecasts,
    observations,
    target_versions,
)
from indicators.tables.base import Base

__all__ = ["Base", "alerts", "assessments", "catalogue", "forecasts", "observations",
           "target_versions"]
