"""Creating, editing, approving and retiring a target (flush only; the caller commits).

The shapes of the API bodies live here beside the functions that apply them, so the API,
and any later form, check a target's terms by one rule. A new target is `proposed`; only
an administrator's approval makes it one that is assessed. An edit changes the terms in
place: the `target_versions` flush hook keeps every earlier state, so an assessment as of
an earlier date still judges the target as it was known then. What a target is about (its
key, indicator, region, entity and document) is not edited: a different subject is a new
target, and the old one is retired as superseded by it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator
from sqlalchemy.orm import Session

from indicators.arithmetic.units import target_unit_factor
from indicators.data import queries
from indicators.tables.catalogue import Target
from indicators.tables.target_versions import terms_of
from indicators.text.messages import bilingual
from indicators.vocab import ChangeUnit, Comparator, Nature, ReviewState, TargetKind

_ALLOWED_CONTROLS = frozenset("\t\n\r")
_BOUND = Decimal("1e17")  # the columns hold 18 digits before the point


def _printable(text: str) -> str:
    """Refuse control characters (NUL cannot be stored by PostgreSQL) and lone surrogates."""
    for char in text:
        if char not in _ALLOWED_CONTROLS and unicodedata.category(char) in ("Cc", "Cs"):
            raise ValueError(bilingual("target.control_character"))
    return text


Printable = AfterValidator(_printable)
Unit = Annotated[str, Field(min_length=1, max_length=40), Printable]
Short = Annotated[str, Field(max_length=200), Printable]
Department = Annotated[str, Field(max_length=300), Printable]
Quote = Annotated[str, Field(min_length=2, max_length=20000), Printable]
Note = Annotated[str, Field(max_length=5000), Printable]
Number = Annotated[Decimal, Field(allow_inf_nan=False, gt=-_BOUND, lt=_BOUND)]
Year = Annotated[int, Field(ge=1949, le=2100)]
Code = Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9_.\-/]+$")]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TargetTerms(_Body):
    """The terms of a target that an edit may change (every one optional in an edit)."""

    kind: TargetKind | None = None
    comparator: Comparator | None = None
    value: Number | None = None
    upper_value: Number | None = None
    tolerance: Annotated[Decimal, Field(allow_inf_nan=False, ge=0, lt=_BOUND)] | None = None
    unit: Unit | None = None
    change_unit: ChangeUnit | None = None
    baseline_year: Year | None = None
    baseline_value: Number | None = None
    start_year: Year | None = None
    deadline: Year | None = None
    deadline_inferred: bool | None = None
    deadline_basis: Short | None = None
    nature: Nature | None = None
    lead_department: Department | None = None
    clause: Short | None = None
    quote: Quote | None = None
    note: Note | None = None


NOT_CLEARABLE = ("kind", "comparator", "value", "unit", "deadline", "quote", "deadline_inferred")


class TargetChanges(TargetTerms):
    """PATCH body: only the terms given change; null clears an optional one."""

    @model_validator(mode="after")
    def _required_stay(self) -> Self:
        for name in NOT_CLEARABLE:
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be cleared")
        return self


class TargetDraft(TargetTerms):
    """POST body: a new target with its source; stored as proposed."""

    key: Annotated[str, Field(min_length=3, max_length=120,
                              pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")]
    indicator: Code
    region: Annotated[str, Field(pattern=r"^\d{6}$")]
    entity: Code | None = None
    document: Code | None = None
    kind: TargetKind
    comparator: Comparator
    value: Number
    unit: Unit
    deadline: Year
    quote: Quote


class Retirement(_Body):
    """POST …/retire body: the target that replaces this one, if any."""

    superseded_by: Annotated[str, Field(min_length=1, max_length=120)] | None = None


class TargetEditError(ValueError):
    """Terms that cannot be stored; `problems` are bilingual sentences."""

    def __init__(self, problems: list[str], *, conflict: bool = False) -> None:
        super().__init__("; ".join(problems))
        self.problems, self.conflict = problems, conflict


@dataclass(frozen=True)
class Edit:
    """What an edit changed: column → (before, after), as JSON values."""

    target: Target
    changes: dict[str, tuple[Any, Any]]


_COLUMN = {"deadline": "deadline_year"}


def _column(name: str) -> str:
    return _COLUMN.get(name, name)


def _consistency(terms: dict[str, Any]) -> list[str]:
    """The rules that tie a target's terms together (the catalogue file's, in words)."""
    problems = []
    comparator, upper, value = terms["comparator"], terms["upper_value"], terms["value"]
    if comparator is Comparator.BETWEEN and (upper is None or upper < value):
        problems.append(bilingual("target.range_needs_upper"))
    if comparator is not Comparator.BETWEEN and upper is not None:
        problems.append(bilingual("target.upper_only_for_range"))
    kind = terms["kind"]
    if kind in (TargetKind.CHANGE_VS_BASELINE, TargetKind.CHANGE_EVERY_YEAR) \
            and terms["change_unit"] is None:
        problems.append(bilingual("target.change_needs_unit", kind=kind.value))
    deadline, start, baseline = terms["deadline_year"], terms["start_year"], terms["baseline_year"]
    if start is not None and start > deadline:
        problems.append(bilingual("target.start_after_deadline", start=start, deadline=deadline))
    if baseline is not None and baseline >= deadline:
        problems.append(bilingual("target.baseline_after_deadline", baseline=baseline,
                                  deadline=deadline))
    if terms["deadline_inferred"] and not terms["deadline_basis"]:
        problems.append(bilingual("target.inferred_needs_basis"))
    return problems


def _unit_and_quote(target: Target, changed: set[str]) -> list[str]:
    """The checks against the catalogue: the unit converts to the indicator's, the quote
    occurs verbatim in its document (when the document's text is stored)."""
    problems = []
    indicator = target.indicator
    if changed & {"unit", "kind"} and target_unit_factor(
            target.kind, target.unit, indicator.unit) is None:
        problems.append(bilingual("target.unit_mismatch", unit=target.unit,
                                  indicator=indicator.code, indicator_unit=indicator.unit))
    document = target.document
    if "quote" in changed and document is not None and document.text \
            and target.quote not in document.text:
        problems.append(bilingual("target.quote_not_in_document", document=document.code))
    return problems


def _check(target: Target, changed: set[str]) -> None:
    problems = _consistency({c.name: getattr(target, c.name)
                             for c in Target.__table__.columns}) + _unit_and_quote(target, changed)
    if problems:
        raise TargetEditError(problems)


def _reference(session: Session, what: str, code: str | None) -> Any:
    if code is None:
        return None
    getter = {"indicator": queries.get_indicator, "region": queries.get_region,
              "entity": queries.get_entity, "document": queries.get_document}[what]
    found = getter(session, code=code)
    if found is None:
        raise TargetEditError([bilingual("target.unknown_reference", what=what, code=code)])
    return found


def create_target(session: Session, *, draft: TargetDraft) -> Target:
    """Add a proposed target after checking its references and terms."""
    if queries.get_target(session, key=draft.key) is not None:
        raise TargetEditError([bilingual("target.key_taken", key=draft.key)], conflict=True)
    values = draft.model_dump(exclude={"key", "indicator", "region", "entity", "document"})
    target = Target(key=draft.key, review_state=ReviewState.PROPOSED,
                    indicator=_reference(session, "indicator", draft.indicator),
                    region=_reference(session, "region", draft.region),
                    entity=_reference(session, "entity", draft.entity),
                    document=_reference(session, "document", draft.document),
                    **{_column(name): value for name, value in values.items()})
    if target.deadline_inferred is None:
        target.deadline_inferred = False
    _check(target, set(values))
    session.add(target)
    session.flush()
    return target


def edit_target(session: Session, *, target: Target, changes: TargetChanges) -> Edit:
    """Change the given terms of a target in place (its earlier terms stay as versions)."""
    if target.review_state is ReviewState.RETIRED:
        raise TargetEditError([bilingual("target.retired", key=target.key)], conflict=True)
    before = terms_of(target) | {"quote": target.quote, "clause": target.clause,
                                 "note": target.note, "lead_department": target.lead_department,
                                 "deadline_basis": target.deadline_basis}
    given = changes.model_dump(exclude_unset=True)
    for name, value in given.items():
        setattr(target, _column(name), value)
    _check(target, set(given))
    after = terms_of(target) | {name: getattr(target, name) for name in
                                ("quote", "clause", "note", "lead_department", "deadline_basis")}
    session.flush()
    return Edit(target=target, changes={name: (before[name], after[name]) for name in after
                                        if before.get(name) != after[name]})


def approve_target(session: Session, *, target: Target) -> bool:
    """Approve a proposed target; tell whether anything changed (approving twice does not)."""
    if target.review_state is ReviewState.RETIRED:
        raise TargetEditError([bilingual("target.retired", key=target.key)], conflict=True)
    if target.review_state is ReviewState.APPROVED:
        return False
    target.review_state = ReviewState.APPROVED
    session.flush()
    return True


def retire_target(session: Session, *, target: Target, retirement: Retirement) -> None:
    """Mark a target retired, optionally superseded by another; the row and its history stay."""
    successor = _reference_target(session, retirement.superseded_by)
    if successor is not None and successor.id == target.id:
        raise TargetEditError([bilingual("target.superseded_by_itself")])
    target.review_state = ReviewState.RETIRED
    target.superseded_by = successor
    session.flush()


def _reference_target(session: Session, key: str | None) -> Target | None:
    if key is None:
        return None
    found = queries.get_target(session, key=key)
    if found is None:
        raise TargetEditError([bilingual("target.unknown_reference", what="target", code=key)])
    return found
