"""User-facing text of the outbox and its sender (service/delivery, `targetwatch outbox`),
Chinese first with English beside it; `indicators.text.messages` merges it."""

from __future__ import annotations

DELIVERY_MESSAGES: dict[str, tuple[str, str]] = {
    "outbox.sent_report": ("发件箱：已发送 {sent} 条，待重试 {retried} 条，放弃 {dead} 条",
                           "Outbox: {sent} sent, {retried} to retry, {dead} given up"),
    "outbox.no_channel": ("未配置任何发送渠道（TARGETWATCH_SMTP_HOST、"
                          "TARGETWATCH_DINGTALK_ROBOTS、TARGETWATCH_WECOM_ROBOTS），消息留在发件箱",
                          "No channel is configured (TARGETWATCH_SMTP_HOST, "
                          "TARGETWATCH_DINGTALK_ROBOTS, TARGETWATCH_WECOM_ROBOTS): messages "
                          "stay in the outbox"),
    "outbox.none": ("发件箱中没有消息", "The outbox holds no messages"),
    "outbox.unknown_state": ("未知状态：{state}（可选：pending、sending、sent、dead）",
                             "Unknown state: {state} (one of pending, sending, sent, dead)"),
    "outbox.retried": ("消息 {id} 已放回待发送", "Message {id} is pending again"),
    "outbox.not_dead": ("没有 ID 为 {id} 的已放弃消息", "No dead message has the id {id}"),
    "outbox.retried_all": ("已放回待发送 {count} 条已放弃消息",
                           "{count} dead messages are pending again"),
    "outbox.nothing_to_retry": ("请给出消息 ID，或使用 --all-dead",
                                "Give message ids, or --all-dead"),
    "outbox.col_id": ("ID", "ID"),
    "outbox.col_state": ("状态", "State"),
    "outbox.col_channel": ("渠道", "Channel"),
    "outbox.col_address": ("地址", "Address"),
    "outbox.col_kind": ("类型", "Kind"),
    "outbox.col_attempts": ("尝试", "Tries"),
    "outbox.col_when": ("时间（UTC）", "When (UTC)"),
    "outbox.col_subject": ("主题", "Subject"),
    "outbox.col_error": ("最近错误", "Last error"),
    "outbox.state_pending": ("待发送", "pending"),
    "outbox.state_sending": ("发送中", "sending"),
    "outbox.state_sent": ("已发送", "sent"),
    "outbox.state_dead": ("已放弃", "dead"),
}
