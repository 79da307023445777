"""User-facing text of variance alerts: rule titles, headlines, lifecycle errors and the
`targetwatch alerts` commands, Chinese first with English beside it;
`indicators.text.messages` merges it."""

from __future__ import annotations

ALERT_MESSAGES: dict[str, tuple[str, str]] = {
    # rule titles (indicators/alerts/rules.py)
    "alert.rule.status_worsened": ("目标状态恶化", "Target status worsened"),
    "alert.rule.probability_low": ("达标概率偏低", "Low probability of meeting the target"),
    "alert.rule.probability_drop": ("达标概率骤降", "Sharp drop in the probability of meeting "
                                    "the target"),
    "alert.rule.ytd_behind": ("累计进度落后于全年要求", "Year-to-date figure behind the annual "
                              "requirement"),
    "alert.rule.outside_interval": ("新数据超出预测95%区间（请核实）", "New figure outside its "
                                    "forecast's 95% interval (please check)"),
    "alert.rule.data_overdue": ("数据逾期未报", "Figure overdue"),
    "alert.rule.achieved_early": ("目标提前完成", "Target achieved early"),
    # headlines: what happened, one line
    "alert.headline.status_changed": ("状态由“{before}”变为“{after}”",
                                      "Status changed from “{before}” to “{after}”"),
    "alert.headline.status_is": ("状态为“{after}”", "Status is “{after}”"),
    "alert.headline.probability_low": ("达标概率为 {probability}，低于 {threshold}",
                                       "Probability of meeting the target is {probability}, "
                                       "below {threshold}"),
    "alert.headline.probability_drop": ("达标概率由 {before} 降至 {after}",
                                        "Probability of meeting the target fell from {before} "
                                        "to {after}"),
    "alert.headline.ytd_behind": ("{year}年1—{month}月累计 {actual}，低于全年目标所需的 "
                                  "{expected}", "{year} Jan–{month} year to date {actual}, "
                                  "behind the {expected} the annual target needs"),
    "alert.headline.ytd_behind_ceiling": ("{year}年1—{month}月累计 {actual}，超过全年目标允许的 "
                                          "{expected}", "{year} Jan–{month} year to date "
                                          "{actual}, beyond the {expected} the annual target "
                                          "allows"),
    "alert.headline.outside_interval": ("{period} 数据 {value} 超出预测95%区间 "
                                        "{lo_95}–{hi_95}", "{period} figure {value} is outside "
                                        "its forecast's 95% interval {lo_95}–{hi_95}"),
    "alert.headline.data_overdue": ("{period} 数据应于 {due} 前发布，至今未见",
                                    "The {period} figure was due by {due} and has not arrived"),
    "alert.headline.achieved_early": ("已于截止年份 {deadline} 之前达到目标",
                                      "Reached before its {deadline} deadline"),
    # lifecycle (indicators/alerts/lifecycle.py)
    "alert.not_found": ("找不到预警 {alert_id}", "No alert {alert_id}"),
    "alert.silence_empty": ("静默须至少指定规则、目标或序列之一",
                            "A silence must name a rule, a target or a series"),
    "alert.silence_past": ("静默截止时间 {until} 已过",
                           "The silence ends at {until}, already past"),
    "alert.acknowledged": ("原因：{cause}；已采取措施：{measures}",
                           "Cause: {cause}; measures taken: {measures}"),
    "alert.silenced_by": ("静默至 {until}：{reason}", "Silenced until {until}: {reason}"),
    # states and severities, for lists
    "alert.state.firing": ("预警中", "firing"),
    "alert.state.acknowledged": ("已确认", "acknowledged"),
    "alert.state.resolved": ("已解除", "resolved"),
    "alert.severity.info": ("提示", "info"),
    "alert.severity.warning": ("警告", "warning"),
    "alert.severity.severe": ("严重", "severe"),
    "alert.audience.leaders": ("领导", "leaders"),
    "alert.audience.departments": ("牵头单位", "lead departments"),
    "alert.audience.statistics": ("统计人员", "statistics staff"),
    # the command line (service/cli/alerts.py)
    "cli.alerts_ran": ("预警评估（时点 {as_of}，第 {evaluation} 次）：新触发 {fired}，再次触发 "
                       "{refired}，升级 {escalated}，解除 {resolved}，静默中 {silenced}",
                       "Alert evaluation {evaluation} as of {as_of}: {fired} fired, {refired} "
                       "fired again, {escalated} escalated, {resolved} resolved, {silenced} "
                       "silenced"),
    "cli.alerts_queued": ("已排入发件箱：即时消息 {immediate} 条，摘要 {digests} 条",
                          "Queued in the outbox: {immediate} immediate messages, {digests} "
                          "digests"),
    "cli.digest_busy": ("另一进程正在生成摘要，本次跳过", "Another process is queuing digests; "
                        "skipped"),
    "cli.alerts_busy": ("另一进程正在评估预警，本次跳过", "Another process is evaluating alerts; "
                        "skipped"),
    "cli.alerts_total": ("共 {total} 条预警", "{total} alerts"),
    "cli.bad_state": ("未知状态 {value}（可用：{allowed}）", "Unknown state {value} (allowed: "
                      "{allowed})"),
    "cli.bad_audience": ("未知对象 {value}（可用：{allowed}）", "Unknown audience {value} "
                         "(allowed: {allowed})"),
    "alert.col.id": ("编号", "ID"),
    "alert.col.rule": ("规则", "Rule"),
    "alert.col.subject": ("对象", "Subject"),
    "alert.col.severity": ("级别", "Severity"),
    "alert.col.state": ("状态", "State"),
}
