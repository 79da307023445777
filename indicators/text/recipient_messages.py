"""User-facing text of recipients and subscriptions (`targetwatch recipient`,
`targetwatch subscription`), Chinese first with English beside it;
`indicators.text.messages` merges it."""

from __future__ import annotations

RECIPIENT_MESSAGES: dict[str, tuple[str, str]] = {
    "recipient.created": ("已添加接收人 {name}", "Added recipient {name}"),
    "recipient.removed": ("已删除接收人 {name} 及其订阅", "Removed recipient {name} and their "
                          "subscriptions"),
    "recipient.exists": ("接收人 {name} 已存在", "Recipient {name} already exists"),
    "recipient.not_found": ("没有接收人 {name}", "No recipient {name}"),
    "recipient.no_channel": ("接收人须有邮箱（--email）或群机器人（--robot 和 --robot-name）",
                             "A recipient needs an email address (--email) or a group robot "
                             "(--robot and --robot-name)"),
    "recipient.robot_pair": ("--robot 与 --robot-name 须同时给出",
                             "--robot and --robot-name go together"),
    "recipient.bad_email": ("邮箱地址无效：{value}", "Not an email address: {value}"),
    "recipient.bad_choice": ("{option} 的取值无效：{value}（可选：{choices}）",
                             "Invalid {option}: {value} (one of {choices})"),
    "recipient.unknown_code": ("{what} {code} 不存在", "Unknown {what} {code}"),
    "recipient.department_needed": ("面向牵头单位的订阅须指定 --department",
                                    "A subscription for departments needs --department"),
    "recipient.none": ("还没有接收人（targetwatch recipient add 新建）",
                       "No recipients yet (add one with targetwatch recipient add)"),
    "recipient.subscribed": ("已为 {name} 添加订阅：{what}", "Subscribed {name} to: {what}"),
    "recipient.col_name": ("接收人", "Recipient"),
    "recipient.col_role": ("角色", "Role"),
    "recipient.col_channels": ("渠道", "Channels"),
    "recipient.col_language": ("语言", "Language"),
    "recipient.col_subscriptions": ("订阅", "Subscriptions"),
    "recipient.what.digest": ("定期摘要", "digest"),
    "recipient.what.immediate": ("即时预警", "immediate alerts"),
    "recipient.what.data": ("数据预警", "data alerts"),
    "recipient.filter.all": ("全部", "everything"),
    "recipient.what_region": ("地区", "region"),
    "recipient.what_indicator": ("指标", "indicator"),
    "recipient.what_document": ("文件", "document"),
}
