"""User-facing text of alert emails, robot messages and the weekly digest
(`dashboards.emails`, `targetwatch email preview`), Chinese first with English beside it;
`indicators.text.messages` merges it."""

from __future__ import annotations

EMAIL_MESSAGES: dict[str, tuple[str, str]] = {
    # one alert
    "email.alert_subject": ("【目标预警】{subject}：{headline}", "[Target alert] {subject}: "
                            "{headline}"),
    "email.severity.info": ("提示", "info"),
    "email.severity.warning": ("警示", "warning"),
    "email.severity.severe": ("严重", "severe"),
    "email.severity_label": ("预警级别", "Severity"),
    "email.target_as_written": ("目标原文", "The target as written"),
    "email.document": ("文件 {code}《{title}》", "Document {code}, {title}"),
    "email.latest": ("最新数据", "Latest figure"),
    "email.latest_value": ("{value}（{period}）", "{value} ({period})"),
    "email.preliminary": ("初步", "preliminary"),
    "email.illustrative": ("示例数据", "illustrative data"),
    "email.required": ("按进度应达到", "Required by now"),
    "email.gap": ("差距", "Gap"),
    "email.probability": ("达标概率", "Chance of meeting"),
    "email.probability_change": ("{now}（此前 {before}）", "{now} (was {before})"),
    "email.status": ("状态", "Status"),
    "email.status_change": ("由“{before}”变为“{now}”", "from {before} to {now}"),
    "email.reason": ("原因", "Why"),
    "email.lead_department": ("牵头单位", "Lead department"),
    "email.deadline": ("目标年份", "Deadline"),
    "email.chart_alt": ("{subject}目标差距图", "Target-gap chart of {subject}"),
    "email.open_target": ("查看目标详情", "Open the target page"),
    "email.chart_link": ("图表", "Chart"),
    "email.as_of": ("评估日期：{day}", "Assessed as of {day}"),
    "email.fired_again": ("第 {count} 次触发", "fired {count} times"),
    "email.footer": ("此邮件由 targetwatch 目标监测系统自动发送。",
                     "Sent automatically by targetwatch, the target monitoring service."),
    # the digest
    "email.digest_subject": ("目标进展周报（截至 {day}）", "Weekly target digest (as of {day})"),
    "email.digest_title": ("目标进展周报", "Weekly target digest"),
    "email.digest_period": ("{since} 至 {day}", "{since} to {day}"),
    "email.digest_changes": ("本周状态变化（{count} 项）", "Status changes this week ({count})"),
    "email.digest_no_changes": ("本周没有目标状态变化。", "No target changed status this week."),
    "email.digest_alerts": ("未关闭的预警（{count} 条）", "Open alerts ({count})"),
    "email.digest_no_alerts": ("没有未关闭的预警。", "No open alerts."),
    "email.digest_counts": ("状态汇总（共 {total} 项目标）", "Targets by status ({total} in all)"),
    "email.digest_all": ("全部目标", "Every target"),
    "email.digest_new": ("新纳入", "new"),
    "email.not_assessed": ("未评估", "not assessed"),
    "email.titled": ("{subject}（{year}年）", "{subject} ({year})"),
    "email.pair": ("{label}：{value}", "{label}: {value}"),
    "email.group": ("{status}（{count}）", "{status} ({count})"),
    "email.alert_line": ("[{severity}] {subject}：{headline}", "[{severity}] {subject}: "
                         "{headline}"),
    "email.col_target": ("目标", "Target"),
    "email.col_status": ("状态", "Status"),
    "email.col_latest": ("最新数据", "Latest"),
    "email.col_probability": ("达标概率", "Chance"),
    "email.col_department": ("牵头单位", "Lead department"),
    "email.acknowledged": ("已签收（{who}）", "acknowledged ({who})"),
    "email.open_board": ("打开目标总览", "Open the board"),
    "email.more_in_board": ("完整列表见目标总览：{url}", "The full list is on the board: {url}"),
    # `targetwatch email preview`
    "email.preview_written": ("已写出摘要预览：{eml} 和 {html}",
                              "Wrote the digest preview: {eml} and {html}"),
    "email.preview_no_run": ("{day} 之前没有评估结果，无法生成摘要",
                             "No assessment as of {day} or before: no digest to preview"),
    "email.no_chart": ("未能绘制 {key} 的图表：{reason}", "Could not draw the chart of {key}: "
                       "{reason}"),
}
