"""The one settings class, read from `TARGETWATCH_*` environment variables."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Self

from pydantic import BaseModel, Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from indicators.arithmetic.status import Thresholds

DEFAULT_DATABASE_URL = "sqlite:///./var/targetwatch.db"


class PullSource(BaseModel):
    """A CSV/XLSX file published at a URL, pulled on a schedule."""

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    url: str = Field(pattern=r"^https?://")
    every_minutes: int = Field(default=60, ge=1)


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
    assess_on_track_expected: float = Field(
        default=0.90, gt=0, description="Progress ratio at or above which an expected (预期性) "
        "target is on track")
    assess_at_risk_expected: float = Field(
        default=0.70, gt=0, description="… at risk, for an expected target (below: off track)")
    assess_on_track_binding: float = Field(
        default=0.98, gt=0, description="Progress ratio for a binding (约束性) target to be on "
        "track")
    assess_at_risk_binding: float = Field(
        default=0.85, gt=0, description="… at risk, for a binding target")
    assess_hysteresis: float = Field(
        default=0.03, ge=0, description="How far below its threshold a status may drift "
        "before it falls")
    approx_tolerance: float = Field(
        default=0.05, ge=0, description="左右: tolerance as a share of the target value")
    assess_likely_meet_expected: float = Field(
        default=0.8, ge=0, le=1, description="Probability of meeting an expected target at "
        "or above which the forecast lifts its status one level")
    assess_likely_miss_expected: float = Field(
        default=0.2, ge=0, le=1, description="… at or below which it lowers the status one "
        "level")
    assess_likely_meet_binding: float = Field(
        default=0.9, ge=0, le=1, description="The same for a binding target: lift")
    assess_likely_miss_binding: float = Field(
        default=0.3, ge=0, le=1, description="The same for a binding target: lower")

    upload_max_bytes: int = Field(
        default=50 * 1024 * 1024, gt=0, description="Largest file accepted by POST "
        "/api/uploads (larger: 413)")
    ingest_jump_factor: float = Field(
        default=3.0, gt=1, description="An annual figure more than this factor from the "
        "previous year's is refused, unless its indicator sets its own")
    drop_folder: Path | None = Field(
        default=None, description="Folder the scheduler watches for new files to ingest")
    drop_folder_uploader: str = Field(
        default="drop-folder", description="Uploader recorded for files from the drop folder")
    drop_scan_seconds: int = Field(
        default=60, ge=1, description="How often the scheduler scans the drop folder")
    pull_sources: list[PullSource] = Field(
        default_factory=list, description="JSON list of {name, url, every_minutes} to pull")
    reassess_hour: int = Field(
        default=2, ge=0, le=23, description="Hour (Beijing time) of the nightly re-assessment")

    def thresholds(self) -> Thresholds:
        """Return the assessment thresholds these settings configure."""
        return Thresholds(
            on_track_expected=self.assess_on_track_expected,
            at_risk_expected=self.assess_at_risk_expected,
            on_track_binding=self.assess_on_track_binding,
            at_risk_binding=self.assess_at_risk_binding,
            hysteresis=self.assess_hysteresis, approx_tolerance=self.approx_tolerance,
            likely_meet_expected=self.assess_likely_meet_expected,
            likely_miss_expected=self.assess_likely_miss_expected,
            likely_meet_binding=self.assess_likely_meet_binding,
            likely_miss_binding=self.assess_likely_miss_binding)

    @model_validator(mode="after")
    def _ordered_thresholds(self) -> Self:
        if not (self.assess_at_risk_expected <= self.assess_on_track_expected
                and self.assess_at_risk_binding <= self.assess_on_track_binding):
            raise ValueError("an at-risk threshold must not exceed its on-track threshold")
        if not (self.assess_likely_miss_expected < self.assess_likely_meet_expected
                and self.assess_likely_miss_binding < self.assess_likely_meet_binding):
            raise ValueError("a likely-miss probability must be below its likely-meet one")
        return self


@lru_cache
def get_settings() -> Settings:
    """Return the validated settings, read once per process."""
    return Settings()
