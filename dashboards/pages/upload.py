"""The upload page: the upload form, the outcome and validation report of the file just
sent, the user's recent uploads and the template form. Pure: plain rows in, HTML out (the
service reads the report and the upload records and passes them as text)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dashboards.pages.layout import PageContext, render_page


@dataclass(frozen=True)
class UploadOutcome:
    """The file just sent: its outcome (a catalogue key: upload_page.accepted, …), the
    pipeline's summary sentence, the report table and where to download the report."""

    outcome: str
    accepted: bool
    summary: str
    headers: list[str]
    rows: list[list[str]]
    report_url: str | None


@dataclass(frozen=True)
class RecentUpload:
    id: int
    when: str
    file_name: str
    uploader: str
    status: str
    rows_total: int
    rows_accepted: int


@dataclass(frozen=True)
class TemplateForm:
    """What the template form was last filled with, and why it failed (None: it did not)."""

    indicators: str = ""
    regions: str = ""
    periods: str = ""
    error: str | None = None


def render_upload_page(ctx: PageContext, *, limit: str, scope: str,
                       recent: Sequence[RecentUpload], show_uploader: bool,
                       outcome: UploadOutcome | None = None, error: str | None = None,
                       template: TemplateForm = TemplateForm()) -> str:
    """Render /upload: the form (multipart, with the CSRF field), the outcome when a file
    was just sent, an error when it could not be taken, recent uploads and templates."""
    return render_page("upload.html", ctx, limit=limit, scope=scope, recent=list(recent),
                       show_uploader=show_uploader, outcome=outcome, error=error,
                       template_form=template)
