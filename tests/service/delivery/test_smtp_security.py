"""TARGETWATCH_SMTP_SECURITY and the login, against real loopback servers that demand them:
STARTTLS on a plain port, and TLS from the first byte (ssl). The servers' certificate
(tls/, self-signed for 127.0.0.1, valid until 2126) is trusted through SSL_CERT_FILE, the
way an office trusts its own mail server's CA."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from service.delivery.channels import DeliveryError, OutgoingMessage
from service.delivery.email_channel import SmtpChannel, SmtpConfig
from service.delivery.tables import ChannelName
from tests.service.delivery.conftest import NOW, rendered
from tests.service.delivery.servers import MailStore, free_port

# The ssl server below is TLS from the first byte; aiosmtpd, which counts only STARTTLS,
# warns that its AUTH does not require TLS.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
TLS = Path(__file__).resolve().parent / "tls"
USER, PASSWORD = "clerk", "s3cret-pass"


def _authenticate(server, session, envelope, mechanism, data) -> AuthResult:  # type: ignore[no-untyped-def]
    ok = isinstance(data, LoginPassword) and data.login == USER.encode() \
        and data.password == PASSWORD.encode()
    return AuthResult(success=ok, handled=False)  # handled=False: the server answers 535


def _server_context() -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(TLS / "cert.pem", TLS / "key.pem")
    return context


@pytest.fixture
def trusted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(TLS / "cert.pem"))


@pytest.fixture(params=["starttls", "ssl"])
def secured(request: pytest.FixtureRequest, trusted: None) -> Iterator[tuple[str, int, MailStore]]:
    """A server that takes mail only over TLS and after a login: (security, port, store)."""
    store, port = MailStore(), free_port()
    if request.param == "starttls":
        controller = Controller(store, hostname="127.0.0.1", port=port,
                                tls_context=_server_context(), require_starttls=True,
                                auth_required=True, authenticator=_authenticate)
    else:
        # aiosmtpd offers AUTH only after STARTTLS unless told otherwise (see pytestmark).
        controller = Controller(store, hostname="127.0.0.1", port=port,
                                ssl_context=_server_context(), auth_required=True,
                                auth_require_tls=False, authenticator=_authenticate)
    controller.start()
    yield request.param, port, store
    controller.stop()


def _message() -> OutgoingMessage:
    return OutgoingMessage(outbox_id=1, channel=ChannelName.EMAIL, address="leader@example.org",
                           message_id="<tls@example.org>", created_at=NOW, rendered=rendered(1))


def test_mail_goes_over_tls_after_a_login(secured: tuple[str, int, MailStore]) -> None:
    security, port, store = secured
    SmtpChannel(SmtpConfig(host="127.0.0.1", port=port, security=security, user=USER,
                           password=PASSWORD, timeout=5)).send(_message())
    assert [str(m["Message-ID"]) for m in store.received] == ["<tls@example.org>"]


def test_a_wrong_password_is_a_failure_worth_retrying(
        secured: tuple[str, int, MailStore]) -> None:
    security, port, store = secured
    channel = SmtpChannel(SmtpConfig(host="127.0.0.1", port=port, security=security,
                                     user=USER, password="wrong", timeout=5))
    with pytest.raises(DeliveryError) as failure:
        channel.send(_message())
    assert not failure.value.permanent  # the settings are wrong, not the message
    assert "535" in str(failure.value)
    assert store.received == []


@pytest.mark.parametrize("secured", ["starttls"], indirect=True)
def test_without_starttls_the_server_refuses_and_nothing_is_sent(
        secured: tuple[str, int, MailStore]) -> None:
    _, port, store = secured
    channel = SmtpChannel(SmtpConfig(host="127.0.0.1", port=port, timeout=5))
    with pytest.raises(DeliveryError):
        channel.send(_message())
    assert store.received == []
