"""The one settings class, read from `TARGETWATCH_*` environment variables."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite:///./var/targetwatch.db"


class Settings(BaseSettings):
    """Everything an operator can set. Each field is documented in the README's table."""

    model_config = SettingsConfigDict(env_prefix="TARGETWATCH_", extra="ignore")

    database_url: str = Field(
        default=DEFAULT_DATABASE_URL,
        description="SQLAlchemy URL: sqlite:///path or postgresql+psycopg://user@host/db")
    host: str = Field(default="127.0.0.1", description="Address `serve` binds to")
    port: int = Field(default=8000, ge=1, le=65535, description="Port `serve` listens on")
    language: str = Field(default="zh", pattern="^(zh|en)$",
                          description="Default interface language (zh or en)")
    page_size_max: int = Field(default=500, ge=1,
                               description="Largest page an API list returns")
    demo_actuals_csv: Path | None = Field(
        default=None, description="Published statistics for `demo` (default: the bundled copy)")


@lru_cache
def get_settings() -> Settings:
    """Return the validated settings, read once per process."""
    return Settings()
