"""The `email` commands: `email preview` writes the digest a recipient would receive as
an .eml (the full MIME message, inline charts included) and an .html (images inlined) to
look at before anything is sent."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dashboards.pages.target_why import china_day
from indicators.clock import china_day_end, utc_now
from indicators.text.messages import Language, bilingual
from service.cli.apps import app
from service.cli.common import current_language, database, past_day_end, say
from service.db import transaction
from service.delivery.outbox import domain_of, new_message_id
from service.digests import (
    compose_digest,
    email_digest_delivery,
    html_with_data_uris,
    open_alerts,
)
from service.emails_mime import mime_message
from service.settings import get_settings

email_app = typer.Typer(help="Alert emails and digests / 预警邮件与摘要", no_args_is_help=True)
app.add_typer(email_app, name="email")

@email_app.command("preview")
def email_preview(
    to: Annotated[str, typer.Option(help="The recipient's email address")],
    as_of: Annotated[str | None, typer.Option(
        help="The digest as of the end of this past day (default: now, or "
        "TARGETWATCH_OPEN_AS_OF when set)")] = None,
    out: Annotated[Path, typer.Option(help="Folder to write the .eml and .html to")] = Path(),
) -> None:
    """Write the digest for a recipient as .eml and .html / 生成摘要邮件预览."""
    settings = get_settings()
    moment = past_day_end(as_of) if as_of else (
        china_day_end(settings.open_as_of) if settings.open_as_of else utc_now())
    with database() as factory, transaction(factory) as session:
        alerts = open_alerts(session, as_of=moment)
        delivery = email_digest_delivery(session, address=to, views=alerts,
                                         schedule="preview", as_of=moment)
        language = Language(delivery.language) if delivery else current_language()
        rendered = compose_digest(session, as_of=moment, delivery=delivery,
                                  language=language, base_url=settings.public_url,
                                  open_alerts=alerts, thresholds=settings.thresholds)
    if rendered is None:
        typer.echo(bilingual("email.preview_no_run", day=china_day(moment)), err=True)
        raise typer.Exit(code=1)
    out.mkdir(parents=True, exist_ok=True)
    stem = out / f"digest-{china_day(moment)}"  # the day in Beijing, as the digest says
    eml, html = stem.with_suffix(".eml"), stem.with_suffix(".html")
    # The email exactly as the SMTP channel builds it (never sent from here).
    email = mime_message(rendered, sender=settings.mail_from, to=to, date=moment,
                         message_id=new_message_id(domain_of(settings.mail_from)))
    eml.write_bytes(email.as_bytes())
    html.write_text(html_with_data_uris(rendered), encoding="utf-8")
    say("email.preview_written", eml=eml, html=html)
