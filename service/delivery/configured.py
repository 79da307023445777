"""The channels the settings call for, built once per sender run."""

from __future__ import annotations

from collections.abc import Mapping

from service.delivery.channels import Channel
from service.delivery.email_channel import SmtpChannel, SmtpConfig
from service.delivery.robots import DingTalkChannel, WeComChannel
from service.delivery.tables import ChannelName
from service.settings import Settings


def configured_channels(settings: Settings) -> Mapping[ChannelName, Channel]:
    """Return the channels these settings configure: email when an SMTP host is set, each
    robot kind when it has robots. A message on a channel not configured stays pending
    (never marked sent unsent, never dead for want of settings)."""
    channels: dict[ChannelName, Channel] = {}
    if settings.smtp_host:
        channels[ChannelName.EMAIL] = SmtpChannel(SmtpConfig.from_settings(settings))
    timeout = settings.send_timeout_seconds
    if settings.dingtalk_robots:
        channels[ChannelName.DINGTALK] = DingTalkChannel(settings.dingtalk_robots,
                                                         timeout=timeout)
    if settings.wecom_robots:
        channels[ChannelName.WECOM] = WeComChannel(settings.wecom_robots, timeout=timeout)
    return channels
