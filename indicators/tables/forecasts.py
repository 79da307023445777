"""ORM tables of forecast runs: per series, the model chosen and the predictive trajectory.

A run forecasts a set of series as their data stood at `as_of`. For every series it keeps
the model (or why there is none) and, per step ahead, the mean, the 80% and 95% intervals
and a few quantiles of the predictive distribution, so that the board and the fan chart
can draw a forecast without recomputing it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from indicators.clock import utc_now
from indicators.tables.base import Base, UTCDateTime
from indicators.tables.observations import Series


class ForecastRun(Base):
    """One forecast of a set of series, as their data stood at a moment."""

    __tablename__ = "forecast_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    as_of: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    series_count: Mapped[int] = mapped_column(Integer, default=0)
    seed: Mapped[int] = mapped_column(Integer, default=0)
    levels: Mapped[list[int]] = mapped_column(JSON)
    # Which code made the forecasts, e.g. "forecasting 0.1.0", to tell runs apart later.
    method_version: Mapped[str] = mapped_column(String(120))
    # A run as of a past date (`forecast --as-of`): never read as a series' newest forecast.
    retrospective: Mapped[bool] = mapped_column(Boolean, default=False)

    models: Mapped[list[ForecastSeriesModel]] = relationship(
        back_populates="run", order_by="ForecastSeriesModel.series_id")
    points: Mapped[list[ForecastPoint]] = relationship(
        back_populates="run", order_by=lambda: [ForecastPoint.series_id, ForecastPoint.step])


class ForecastSeriesModel(Base):
    """The model a run chose for one series and why (or why it made no forecast)."""

    __tablename__ = "forecast_series_models"
    __table_args__ = (UniqueConstraint("run_id", "series_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("forecast_runs.id"), index=True)
    series_id: Mapped[int] = mapped_column(ForeignKey("series.id"), index=True)
    model: Mapped[str] = mapped_column(String(120))
    reason: Mapped[str] = mapped_column(Text)
    n_obs: Mapped[int] = mapped_column(Integer)
    last_period: Mapped[str | None] = mapped_column(String(12))  # the last observed year

    run: Mapped[ForecastRun] = relationship(back_populates="models")
    series: Mapped[Series] = relationship()


class ForecastPoint(Base):
    """One step ahead of a series' forecast: mean, 80%/95% intervals and quantiles."""

    __tablename__ = "forecast_points"
    __table_args__ = (UniqueConstraint("run_id", "series_id", "step"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("forecast_runs.id"))
    series_id: Mapped[int] = mapped_column(ForeignKey("series.id"), index=True)
    step: Mapped[int] = mapped_column(Integer)
    period_code: Mapped[str] = mapped_column(String(12))  # our code, e.g. "2019"
    mean: Mapped[float] = mapped_column(Float)
    lo_80: Mapped[float] = mapped_column(Float)
    hi_80: Mapped[float] = mapped_column(Float)
    lo_95: Mapped[float] = mapped_column(Float)
    hi_95: Mapped[float] = mapped_column(Float)
    # {"0.05": v, "0.1": v, "0.25": v, "0.5": v, "0.75": v, "0.9": v, "0.95": v}
    quantiles: Mapped[dict[str, float]] = mapped_column(JSON)

    run: Mapped[ForecastRun] = relationship(back_populates="points")
