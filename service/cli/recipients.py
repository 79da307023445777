"""The `recipient` and `subscription` commands: who receives alerts and digests, and what.

A recipient is a person (an email address) or an office group (a DingTalk or WeCom robot
named in the channel settings), or both; a subscription narrows what they receive by lead
department, region, indicator, document, severity and audience."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, TypeVar

import typer
from sqlalchemy.orm import Session

from indicators.data import queries as indicator_queries
from indicators.text.messages import Language, bilingual, message
from indicators.vocab import Audience, Severity
from service.cli.apps import app
from service.cli.common import current_language, database, json_text, say
from service.db import transaction
from service.routing import recipients as routing
from service.routing.tables import RobotKind, SubscriptionKind
from service.text_table import render_table

recipient_app = typer.Typer(help="Recipients of alerts and digests / 预警接收人",
                            no_args_is_help=True)
subscription_app = typer.Typer(help="What recipients receive / 订阅", no_args_is_help=True)
app.add_typer(recipient_app, name="recipient")
app.add_typer(subscription_app, name="subscription")

Choice = TypeVar("Choice", bound=StrEnum)


def _choice(kind: type[Choice], option: str, value: str | None) -> Choice | None:
    """Read an optional closed-vocabulary option; an unknown value is a usage error."""
    if value is None:
        return None
    try:
        return kind(value.strip().lower())
    except ValueError:
        _usage("recipient.bad_choice", option=option, value=value,
               choices=", ".join(m.value for m in kind))
        raise  # unreachable: _usage exits


def _usage(key: str, **values: object) -> None:
    typer.echo(bilingual(key, **values), err=True)
    raise typer.Exit(code=2)


def _missing(key: str, **values: object) -> None:
    typer.echo(bilingual(key, **values), err=True)
    raise typer.Exit(code=1)


def _existing(session: Session, name: str) -> routing.Recipient:
    recipient = routing.get_recipient(session, name=name)
    if recipient is None:
        _missing("recipient.not_found", name=name)
    assert recipient is not None
    return recipient


@recipient_app.command("add")
def recipient_add(
    name: Annotated[str, typer.Argument(help="Recipient name, e.g. 市发展改革委")],
    role: Annotated[str, typer.Option(help="Role label, e.g. 市领导, 牵头单位, 统计员")],
    email: Annotated[str | None, typer.Option(help="Email address")] = None,
    robot: Annotated[str | None, typer.Option(help="Group robot: dingtalk or wecom")] = None,
    robot_name: Annotated[str | None, typer.Option(
        help="The robot's name in the channel settings")] = None,
    language: Annotated[str, typer.Option(help="Language of their messages: zh or en")] = "zh",
) -> None:
    """Add a recipient of alerts and digests / 添加预警接收人."""
    kind = _choice(RobotKind, "--robot", robot)
    if language not in {lang.value for lang in Language}:
        _usage("recipient.bad_choice", option="--language", value=language, choices="zh, en")
    if email is not None and ("@" not in email or email.strip() != email):
        _usage("recipient.bad_email", value=email)
    if (kind is None) != (not robot_name):
        _usage("recipient.robot_pair")
    if email is None and kind is None:
        _usage("recipient.no_channel")
    with database() as factory, transaction(factory) as session:
        if routing.get_recipient(session, name=name) is not None:
            _missing("recipient.exists", name=name)
        routing.add_recipient(session, name=name, role=role, email=email, robot=kind,
                              robot_name=robot_name, language=language)
    say("recipient.created", name=name)


@recipient_app.command("remove")
def recipient_remove(name: Annotated[str, typer.Argument(help="Recipient name")]) -> None:
    """Remove a recipient and their subscriptions / 删除接收人及其订阅."""
    with database() as factory, transaction(factory) as session:
        routing.remove_recipient(session, recipient=_existing(session, name))
    say("recipient.removed", name=name)


@recipient_app.command("list")
def recipient_list(as_json: Annotated[bool, typer.Option("--json", help="Every field as JSON")]
                   = False) -> None:
    """List recipients with their channels and subscriptions / 列出接收人."""
    with database() as factory, transaction(factory) as session:
        records = routing.recipient_records(session)
    if as_json:
        typer.echo(json_text(records), nl=False)
    elif not records:
        say("recipient.none")
    else:
        typer.echo(recipients_table(records, current_language()), nl=False)


def recipients_table(records: list[dict[str, object]], language: Language) -> str:
    """The recipients as a table that fits the terminal, one line per subscription."""
    headers = [message(f"recipient.col_{c}", language)
               for c in ("name", "role", "channels", "language", "subscriptions")]
    rows = [[str(r["name"]), str(r["role"]), _channels(r), str(r["language"]),
             "; ".join(subscription_text(s, language)  # type: ignore[arg-type]
                       for s in r["subscriptions"]) or "—"]  # type: ignore[attr-defined]
            for r in records]
    return render_table(headers, rows, whole=(0,))


def _channels(record: dict[str, object]) -> str:
    found = [str(record["email"])] if record["email"] else []
    if record["robot"]:
        found.append(f"{record['robot']}:{record['robot_name']}")
    return ", ".join(found)


def subscription_text(record: dict[str, object], language: Language) -> str:
    """One subscription in a few words: what, then its filters (or "everything")."""
    filters = [f"{name}={record[name]}" for name in
               ("department", "region", "indicator", "document", "min_severity", "audience")
               if record[name] is not None]
    what = message(f"recipient.what.{record['kind']}", language)
    return f"{what} ({', '.join(filters) or message('recipient.filter.all', language)})"


def _check_codes(session: Session, region: str | None, indicator: str | None,
                 document: str | None) -> None:
    lookups = (("region", region, indicator_queries.get_region),
               ("indicator", indicator, indicator_queries.get_indicator),
               ("document", document, indicator_queries.get_document))
    for what, code, get in lookups:
        if code is not None and get(session, code=code) is None:
            _missing("recipient.unknown_code", code=code,
                     what=message(f"recipient.what_{what}", current_language()))


@subscription_app.command("add")
def subscription_add(
    name: Annotated[str, typer.Argument(help="Recipient name")],
    what: Annotated[str, typer.Option(help="digest, immediate or data")],
    department: Annotated[str | None, typer.Option(
        help="Only targets led by this department (牵头单位)")] = None,
    region: Annotated[str | None, typer.Option(help="Only this region code")] = None,
    indicator: Annotated[str | None, typer.Option(help="Only this indicator code")] = None,
    document: Annotated[str | None, typer.Option(help="Only this document code")] = None,
    min_severity: Annotated[str | None, typer.Option(
        help="Only alerts at least this severe: info, warning, severe")] = None,
    audience: Annotated[str | None, typer.Option(
        help="Only alerts for leaders, departments or statistics")] = None,
) -> None:
    """Subscribe a recipient to digests, immediate alerts or data alerts / 添加订阅."""
    kind = _choice(SubscriptionKind, "--what", what)
    assert kind is not None
    severity = _choice(Severity, "--min-severity", min_severity)
    audience_kind = _choice(Audience, "--audience", audience)
    if audience_kind is Audience.DEPARTMENTS and department is None:
        _usage("recipient.department_needed")
    with database() as factory, transaction(factory) as session:
        recipient = _existing(session, name)
        _check_codes(session, region, indicator, document)
        routing.add_subscription(
            session, recipient=recipient, kind=kind, lead_department=department,
            region_code=region, indicator_code=indicator, document_code=document,
            min_severity=severity, audience=audience_kind)
    say("recipient.subscribed", name=name,
        what=message(f"recipient.what.{kind.value}", current_language()))
