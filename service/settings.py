"""The one settings class, read from `TARGETWATCH_*` environment variables."""

from __future__ import annotations

import os
import re
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, SecretStr, field_validator
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from indicators.arithmetic.thresholds import Thresholds
from indicators.vocab import Severity
from service.crontab import cron_fields

DEFAULT_DATABASE_URL = "sqlite:///./var/targetwatch.db"
ENV_PREFIX = "TARGETWATCH_"
# Each status threshold's variable, without the prefix (左右's predates the ASSESS_ names).
THRESHOLD_VARIABLES = {name: f"ASSESS_{name.upper()}" for name in Thresholds.model_fields} | {
    "approx_tolerance": "APPROX_TOLERANCE"}


class PullSource(BaseModel):
    """A CSV/XLSX file published at a URL, pulled on a schedule."""

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    url: str = Field(pattern=r"^https?://")
    every_minutes: int = Field(default=60, ge=1)


class Robot(BaseModel):
    """A DingTalk or WeCom group robot: its webhook URL and, for DingTalk's signed
    security setting, the secret (the "SEC…" string)."""

    name: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    url: str = Field(pattern=r"^https?://")
    secret: SecretStr | None = None


class Settings(BaseSettings):
    """Everything an operator can set. Each field is documented in the README's table."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="ignore")

    database_url: str = Field(
        default=DEFAULT_DATABASE_URL,
        description="SQLAlchemy URL: sqlite:///path or postgresql+psycopg://user@host/db")
    host: str = Field(default="127.0.0.1", description="Address `serve` binds to")
    port: int = Field(default=8000, ge=1, le=65535, description="Port `serve` listens on")
    language: str = Field(default="zh", pattern="^(zh|en)$",
                          description="Default interface language (zh or en)")
    page_size_max: int = Field(default=500, ge=1,
                               description="Largest page an API list returns")
    # Routing of alerts (service.routing): what goes out at once, where links point.
    immediate_severity: Severity = Field(
        default=Severity.SEVERE, description="Least severity of an alert sent at once "
        "(info, warning, severe); the others wait for the digest")
    public_url: str = Field(
        default="http://127.0.0.1:8000", pattern=r"^https?://",
        description="The web address readers open, for the links in emails and robots")
    demo_actuals_csv: Path | None = Field(
        default=None, description="Published statistics for `demo` (default: the bundled copy)")
    # Read from TARGETWATCH_ASSESS_* and TARGETWATCH_APPROX_TOLERANCE (THRESHOLD_VARIABLES):
    # the fields, defaults and checks are declared once, in indicators.arithmetic.thresholds.
    thresholds: Thresholds = Field(
        default_factory=Thresholds, description="The status thresholds (see THRESHOLD_VARIABLES)")

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
    session_hours: float = Field(
        default=12, gt=0, description="How long a browser session lasts after signing in")
    cookie_secure: bool = Field(
        default=False, description="Send the session cookie only over HTTPS (set it behind TLS)")
    login_rate: str = Field(
        default="10/minute", description="Sign-in attempts allowed per client address "
        "(the `limits` notation, e.g. 10/minute), besides the lock-out per user name")
    open_as_of: date | None = Field(
        default=None, description="When set, the board opens replayed as of this day (/ "
        "without parameters redirects to /?as_of=DAY); the demo sets it")
    reassess_hour: int = Field(
        default=2, ge=0, le=23, description="Hour (Beijing time) of the nightly re-assessment")
    # Alerts (service.alerting): when rules are evaluated and digests composed.
    alerts_check_seconds: int = Field(
        default=60, ge=5, description="How often the scheduler looks for new figures or "
        "assessments since the last alert evaluation, and evaluates when there are")
    digest_schedules: dict[str, str] = Field(
        default_factory=lambda: {"weekly": "0 8 * * 1"}, description="JSON object of digest "
        "name → crontab expression in Beijing time (minute hour day month weekday; weekday "
        "0 or 7 is Sunday, 1 Monday); default: the weekly digest, Mondays 08:00")
    # Delivery (service.delivery): SMTP, group robots, and how the outbox is sent.
    smtp_host: str | None = Field(
        default=None, description="SMTP server for email; unset: email stays in the outbox")
    smtp_port: int = Field(default=25, ge=1, le=65535, description="SMTP server port")
    smtp_security: str = Field(default="none", pattern="^(none|starttls|ssl)$",
                               description="SMTP transport security: none, starttls or ssl")
    smtp_user: str | None = Field(default=None, description="SMTP login (unset: no login)")
    smtp_password: SecretStr | None = Field(default=None, description="SMTP password")
    mail_from: str = Field(default="targetwatch@localhost",
                           description="From address of every email; its domain ends "
                           "each Message-ID")
    send_timeout_seconds: float = Field(
        default=30, gt=0, description="Timeout of one SMTP connection or webhook call")
    dingtalk_robots: list[Robot] = Field(
        default_factory=list, description="JSON list of {name, url, secret?} DingTalk robots")
    wecom_robots: list[Robot] = Field(
        default_factory=list, description="JSON list of {name, url} WeCom robots")
    send_every_seconds: int = Field(
        default=60, ge=1, description="How often the scheduler sends the outbox")
    send_max_attempts: int = Field(
        default=8, ge=1, description="Attempts before a message is dead (kept, listed)")
    send_backoff_max_minutes: int = Field(
        default=60, ge=1, description="Longest wait between attempts (1, 2, 4 … minutes)")
    send_lease_minutes: int = Field(
        default=10, ge=1, description="A message left `sending` this long (a sender "
        "died) is sent again, with the same Message-ID")

    @field_validator("digest_schedules")
    @classmethod
    def _crontabs(cls, schedules: dict[str, str]) -> dict[str, str]:
        """Refuse a digest name that cannot be a job id, or an expression cron cannot read."""
        for name, expression in schedules.items():
            if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", name):
                raise ValueError(f"digest name {name!r}: lower-case letters, digits, _ and -")
            cron_fields(expression)  # raises ValueError naming the expression
        return schedules

    @classmethod
    def settings_customise_sources(
            cls, settings_cls: type[BaseSettings], init_settings: PydanticBaseSettingsSource,
            env_settings: PydanticBaseSettingsSource,
            dotenv_settings: PydanticBaseSettingsSource,
            file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Read the thresholds from their flat variables, after the arguments and the
        ordinary variables."""
        return (init_settings, env_settings, _ThresholdVariables(settings_cls),
                dotenv_settings, file_secret_settings)


class _ThresholdVariables(PydanticBaseSettingsSource):
    """The status thresholds, each from its own environment variable."""

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False  # everything is read in __call__

    def __call__(self) -> dict[str, Any]:
        found = {name: os.environ[f"{ENV_PREFIX}{variable}"]
                 for name, variable in THRESHOLD_VARIABLES.items()
                 if f"{ENV_PREFIX}{variable}" in os.environ}
        return {"thresholds": found} if found else {}


def environment_variables() -> list[str]:
    """Every variable an operator can set (the README's Settings table lists them all)."""
    plain = [f"{ENV_PREFIX}{name.upper()}" for name in Settings.model_fields
             if name != "thresholds"]
    return plain + [f"{ENV_PREFIX}{variable}" for variable in THRESHOLD_VARIABLES.values()]


@lru_cache
def get_settings() -> Settings:
    """Return the validated settings, read once per process."""
    return Settings()
