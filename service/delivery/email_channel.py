"""Email: one `EmailMessage` per outbox row (`build_email`, through the MIME builder that
`targetwatch email preview` uses too, so the preview shows what is sent), sent over SMTP
with smtplib.

The message is multipart/alternative: text/plain, then multipart/related holding the
text/html part and its PNGs (inline, each with its Content-ID), so a client that shows HTML
shows the charts in place and any other shows the text. Its Message-ID is the one stored at
enqueue and its Date the time it was queued, so every attempt sends the same message.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage

from service.delivery.channels import DeliveryError, OutgoingMessage
from service.emails_mime import mime_message
from service.settings import Settings


@dataclass(frozen=True)
class SmtpConfig:
    """Where and how to hand mail over; see the `TARGETWATCH_SMTP_*` settings."""

    host: str
    port: int = 25
    security: str = "none"  # none, starttls or ssl
    user: str | None = None
    password: str | None = None
    mail_from: str = "targetwatch@localhost"
    timeout: float = 30

    @classmethod
    def from_settings(cls, settings: Settings) -> SmtpConfig:
        password = settings.smtp_password
        return cls(host=settings.smtp_host or "localhost", port=settings.smtp_port,
                   security=settings.smtp_security, user=settings.smtp_user,
                   password=password.get_secret_value() if password else None,
                   mail_from=settings.mail_from, timeout=settings.send_timeout_seconds)


def build_email(message: OutgoingMessage, *, mail_from: str) -> EmailMessage:
    """Return the email for one outbox message, built by the one MIME builder
    (`service.emails_mime`, which the preview uses too) with the message's stable
    Message-ID, and dated when it was queued, so every attempt sends the same headers."""
    return mime_message(message.rendered, sender=mail_from, to=message.address,
                        message_id=message.message_id, date=message.created_at)


class SmtpChannel:
    """Sends each message over a connection of its own (a failure stays with its message)."""

    def __init__(self, config: SmtpConfig) -> None:
        self.config = config

    def send(self, message: OutgoingMessage) -> None:
        """Hand the message to the SMTP server, or raise `DeliveryError`."""
        email = build_email(message, mail_from=self.config.mail_from)
        try:
            with self._connect() as smtp:
                smtp.send_message(email, from_addr=self.config.mail_from,
                                  to_addrs=[message.address])
        except smtplib.SMTPRecipientsRefused as error:
            codes = [code for code, _ in error.recipients.values()]
            raise DeliveryError(f"recipient refused: {error.recipients}",
                                permanent=all(code >= 500 for code in codes)) from error
        except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as error:
            # The message itself refused with 5xx (too large, policy): sending it again
            # cannot help. The server's login or From refused is not this message's fault.
            permanent = isinstance(error, smtplib.SMTPDataError) and error.smtp_code >= 500
            raise DeliveryError(_describe(error), permanent=permanent) from error
        except (smtplib.SMTPException, OSError, UnicodeEncodeError) as error:
            # UnicodeEncodeError: smtplib logs in with ASCII only (a non-ASCII password).
            raise DeliveryError(_describe(error), permanent=False) from error

    def _connect(self) -> smtplib.SMTP:
        config = self.config
        smtp: smtplib.SMTP
        if config.security == "ssl":
            smtp = smtplib.SMTP_SSL(config.host, config.port, timeout=config.timeout,
                                    context=ssl.create_default_context())
        else:
            smtp = smtplib.SMTP(config.host, config.port, timeout=config.timeout)
        try:
            if config.security == "starttls":
                smtp.starttls(context=ssl.create_default_context())
            if config.user:
                smtp.login(config.user, config.password or "")
        except BaseException:
            smtp.close()
            raise
        return smtp


def _describe(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:2000]
