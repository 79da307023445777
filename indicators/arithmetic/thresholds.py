"""The thresholds that turn numbers into a status, declared once: their defaults, their
meaning and the order they must keep. The service's settings read each from an
environment variable (`service.settings`), so an operator can tune them."""

from __future__ import annotations

from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Thresholds(BaseModel):
    """Progress-ratio thresholds (a series exactly on the required path has ratio 1),
    the 左右 tolerance, and the probabilities beyond which the forecast moves a status."""

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
        default=0.03, ge=0, description="How far below its threshold a status may drift "
        "before it falls")
    approx_tolerance: float = Field(
        default=0.05, ge=0, description="左右: tolerance as a share of the target value, "
        "unless the target states its own")
    likely_meet_expected: float = Field(
        default=0.8, ge=0, le=1, description="Probability of meeting an expected target at "
        "or above which the forecast lifts its status one level")
    likely_miss_expected: float = Field(
        default=0.2, ge=0, le=1, description="… at or below which it lowers the status one "
        "level")
    likely_meet_binding: float = Field(
        default=0.9, ge=0, le=1, description="The same for a binding target: lift")
    likely_miss_binding: float = Field(
        default=0.3, ge=0, le=1, description="The same for a binding target: lower")

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if not (self.at_risk_expected <= self.on_track_expected
                and self.at_risk_binding <= self.on_track_binding):
            raise ValueError("an at-risk threshold must not exceed its on-track threshold")
        if not (self.likely_miss_expected < self.likely_meet_expected
                and self.likely_miss_binding < self.likely_meet_binding):
            raise ValueError("a likely-miss probability must be below its likely-meet one")
        return self

    def for_nature(self, binding: bool) -> tuple[float, float]:
        """Return the progress ratios (on track, at risk) for a binding or expected target."""
        if binding:
            return self.on_track_binding, self.at_risk_binding
        return self.on_track_expected, self.at_risk_expected

    def likelihoods(self, binding: bool) -> tuple[float, float]:
        """Return the probabilities (meet, miss) beyond which the forecast moves a status."""
        if binding:
            return self.likely_meet_binding, self.likely_miss_binding
        return self.likely_meet_expected, self.likely_miss_expected


DEFAULT_THRESHOLDS = Thresholds()
