"""The thresholds that turn numbers into a status, declared once: their defaults, their
meaning and the order they must keep. The service's settings read each from an
environment variable (`service.settings`), so an operator can tune them."""

from __future__ import annotations

from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Thresholds(BaseModel):
    """The probability cut points that decide a status when there is a forecast, the
    progress-ratio thresholds that decide it when there is none (a series exactly on the
    required path has ratio 1), the hysteresis band of both, and the 左右 tolerance. The
    defaults are fitted on the replay of real plan targets (`bench/fit_thresholds.py`,
    `bench/RESULTS.md`)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    on_track_expected: float = Field(
        default=0.90, gt=0, description="Progress ratio at or above which an expected "
        "(预期性) target is on track")
    at_risk_expected: float = Field(
        default=0.70, gt=0, description="… at risk, for an expected target (below: off track)")
    on_track_binding: float = Field(
        default=0.98, gt=0, description="Progress ratio for a binding (约束性) target to be on "
        "track")
    at_risk_binding: float = Field(
        default=0.85, gt=0, description="… at risk, for a binding target")
    hysteresis: float = Field(
        default=0.05, ge=0, description="How far below its threshold (a progress ratio or a "
        "probability) a status may drift before it falls; for a probability, never so far "
        "that an on-track status would hold below one half")
    approx_tolerance: float = Field(
        default=0.05, ge=0, description="左右: tolerance as a share of the target value, "
        "unless the target states its own")
    likely_meet_expected: float = Field(
        default=0.53, ge=0.5, le=1, description="Probability of meeting an expected target at "
        "or above which it is on track")
    likely_miss_expected: float = Field(
        default=0.3, ge=0, le=0.5, description="… below which it is off track (at risk in "
        "between)")
    likely_meet_binding: float = Field(
        default=0.58, ge=0.5, le=1, description="The same for a binding target: on track")
    likely_miss_binding: float = Field(
        default=0.3, ge=0, le=0.5, description="The same for a binding target: off track "
        "below")

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if not (self.at_risk_expected <= self.on_track_expected
                and self.at_risk_binding <= self.on_track_binding):
            raise ValueError("an at-risk threshold must not exceed its on-track threshold")
        if not (self.likely_miss_expected < self.likely_meet_expected
                and self.likely_miss_binding < self.likely_meet_binding):
            raise ValueError("a likely-miss probability must be below its likely-meet one")
        if not (self.likely_meet_binding >= self.likely_meet_expected
                and self.likely_miss_binding >= self.likely_miss_expected):
            raise ValueError("a binding target's probability cut points must not be below an "
                             "expected target's: binding targets are warned no later")
        return self

    def for_nature(self, binding: bool) -> tuple[float, float]:
        """Return the progress ratios (on track, at risk) for a binding or expected target."""
        if binding:
            return self.on_track_binding, self.at_risk_binding
        return self.on_track_expected, self.at_risk_expected

    def likelihoods(self, binding: bool) -> tuple[float, float]:
        """Return the probability cut points (on track at or above the first, off track
        below the second) for a binding or expected target."""
        if binding:
            return self.likely_meet_binding, self.likely_miss_binding
        return self.likely_meet_expected, self.likely_miss_expected


DEFAULT_THRESHOLDS = Thresholds()
