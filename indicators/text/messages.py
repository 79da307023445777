"""The one catalogue of user-facing text, Chinese first with English beside it.

Code never writes user-facing literals; it names a message and passes its values:
``message("catalogue.quote_not_found", key="000-x", document="000")``.
"""

from __future__ import annotations

from enum import StrEnum

from indicators.text.alert_messages import ALERT_MESSAGES
from indicators.text.alert_page_messages import ALERT_PAGE_MESSAGES
from indicators.text.assessment_messages import ASSESSMENT_MESSAGES
from indicators.text.board_messages import BOARD_MESSAGES
from indicators.text.delivery_messages import DELIVERY_MESSAGES
from indicators.text.email_messages import EMAIL_MESSAGES
from indicators.text.ingest_messages import INGEST_MESSAGES
from indicators.text.recipient_messages import RECIPIENT_MESSAGES
from indicators.text.target_edit_messages import TARGET_EDIT_MESSAGES
from indicators.text.target_page_messages import TARGET_PAGE_MESSAGES
from indicators.text.track_record_messages import TRACK_RECORD_MESSAGES
from indicators.text.user_messages import USER_MESSAGES
from indicators.text.web_messages import WEB_MESSAGES
from indicators.text.web_upload_messages import WEB_UPLOAD_MESSAGES


class Language(StrEnum):
    ZH = "zh"
    EN = "en"


_GENERAL: dict[str, tuple[str, str]] = {
    # catalogue loading
    "catalogue.invalid_file": ("目录文件格式错误：{detail}", "Invalid catalogue file: {detail}"),
    "catalogue.unreadable": ("无法读取目录文件 {path}：{detail}",
                             "Cannot read catalogue file {path}: {detail}"),
    "catalogue.quote_not_found": ("目标 {key} 的原文引用在文件 {document} 中找不到",
                                  "Quote of {key} does not occur verbatim in document {document}"),
    "catalogue.document_missing": ("找不到文件 {document} 的全文 {file}",
                                   "Text {file} of document {document} not found"),
    "catalogue.unknown_indicator": ("指标 {code} 未定义（引用于 {where}）",
                                    "Unknown indicator {code} (referenced by {where})"),
    "catalogue.unknown_region": ("地区代码 {code} 未定义（引用于 {where}）",
                                 "Unknown region code {code} (referenced by {where})"),
    "catalogue.unknown_entity": ("主体 {code} 未定义（引用于 {where}）",
                                 "Unknown entity {code} (referenced by {where})"),
    "catalogue.unknown_target": ("目标 {code} 未定义（引用于 {where}）",
                                 "Unknown target {code} (referenced by {where})"),
    "catalogue.loaded": ("已载入 {path}：新增 {created} 条，更新 {updated} 条，未变 {unchanged} 条",
                         "Loaded {path}: {created} created, {updated} updated, "
                         "{unchanged} unchanged"),
    "catalogue.observations_loaded": ("观测值：新增 {created} 条，已有 {unchanged} 条",
                                      "Observations: {created} new, {unchanged} already stored"),
    # command line and service
    "cli.database_ready": ("数据库已就绪：{url}", "Database ready: {url}"),
    "cli.database_upgraded": ("数据库结构已从 {before} 升级到 {after}：{url}",
                              "Database schema upgraded from {before} to {after}: {url}"),
    "cli.database_current": ("数据库结构已是最新（{after}）：{url}",
                             "Database schema already the newest ({after}): {url}"),
    "cli.not_migrated": ("数据库结构不是最新（当前 {current}，需要 {head}）：新数据库请先运行 "
                         "targetwatch init，已有数据库请运行 targetwatch upgrade（{url}）",
                         "The database schema is not the newest (it is at {current}; this "
                         "version needs {head}): run `targetwatch init` for a new database or "
                         "`targetwatch upgrade` for an existing one ({url})"),
    "cli.exported": ("已导出 {count} 个目标", "Exported {count} targets"),
    "cli.demo_loaded": ("示例已载入：目标 {targets} 个，观测值 {observations} 条"
                        "（其中示例数据 {illustrative} 条）",
                        "Demo loaded: {targets} targets, {observations} observations "
                        "({illustrative} illustrative)"),
    "cli.serving": ("服务地址 http://{host}:{port}", "Serving at http://{host}:{port}"),
    "cli.assessed": ("评估时点 {as_of}：{summary}", "Assessed as of {as_of}: {summary}"),
    "cli.bad_date": ("日期格式应为 YYYY-MM-DD：{value}", "A date must be YYYY-MM-DD: {value}"),
    "issue.sheet": ("工作表", "Sheet"),
    "issue.row": ("行", "Row"),
    "issue.column": ("列", "Column"),
    "issue.raw": ("原值", "Raw value"),
    "issue.reason": ("原因", "Reason"),
    "issue.suggestion": ("建议", "Suggestion"),
    "table.key": ("目标", "Target"),
    "table.status": ("状态", "Status"),
    "table.progress": ("完成/时间进度", "Done/time"),
    "table.gap": ("差距", "Gap"),
    "table.required_rate": ("尚需年均增速", "Rate needed"),
    "table.reason": ("原因", "Reason"),
    "cli.unknown_format": ("不支持的导出格式 {format}（可用：json、csv）",
                           "Unsupported export format {format} (use json or csv)"),
    "source.illustrative": ("示例数据 / illustrative", "示例数据 / illustrative"),
    "api.not_found": ("未找到 {what} {code}", "{what} {code} not found"),
    "api.unauthorized": ("需要有效的 API 令牌（Authorization: Bearer …），或在 /login 登录后读取",
                         "A valid API token is needed (Authorization: Bearer …), or sign in "
                         "at /login to read"),
    "api.forbidden": ("该用户无权上传数据", "This user may not upload figures"),
    "api.naive_time": ("as_of 须带时区，例如 2018-01-01T00:00:00+08:00",
                       "as_of needs a time zone, e.g. 2018-01-01T00:00:00+08:00"),
    # forecasting: runs, command line and API
    "forecast.insufficient_data": ("年度数据仅 {n} 个，少于 {minimum} 个，不作预测",
                                   "Only {n} annual figures, fewer than {minimum}: no forecast"),
    "cli.forecasted": ("预测时点 {as_of}：序列 {series} 个，已预测 {forecast} 个，"
                       "数据不足 {skipped} 个",
                       "Forecast as of {as_of}: {series} series, {forecast} forecast, "
                       "{skipped} with too few figures"),
    "forecast.deadline_observed": ("{year}：已有实际数据", "{year}: figure known"),
    "cli.unknown_target": ("未找到目标 {key}", "Target {key} not found"),
    "cli.target_not_approved": ("目标 {key} 尚未审核通过，不作预测",
                                "Target {key} is not approved: no forecast"),
    "table.series": ("序列", "Series"),
    "table.model": ("模型", "Model"),
    "table.last_year": ("最近年份", "Last year"),
    "table.next_year_forecast": ("下一年预测 [80%区间] [95%区间]",
                                 "Next year [80%] [95%]"),
    "table.deadline_forecast": ("期限年预测 [80%区间] [95%区间]",
                                "Forecast at deadline [80%] [95%]"),
    "table.actual_mark": ("（实际）", " (actual)"),
    "table.forecast": ("期限年预测", "Forecast at deadline"),
    "table.interval_80": ("80%区间", "80% interval"),
    "table.probability": ("达标概率", "Chance of meeting"),
    # `targetwatch catalog list` and the template's catalogue sheet
    "catalog.indicators_title": ("指标（{count} 个）", "Indicators ({count})"),
    "catalog.regions_title": ("地区（{count} 个）", "Regions ({count})"),
    "catalog.name": ("名称", "Name"),
    "catalog.indicator_name": ("指标名称", "Indicator"),
    "catalog.region_name": ("地区名称", "Region"),
    "catalog.code": ("代码", "Code"),
    "catalog.unit": ("单位", "Unit"),
    "catalog.frequency": ("频率", "Frequency"),
    "catalog.aliases": ("别名", "Aliases"),
    "catalog.level": ("级别", "Level"),
    "catalog.parent": ("上级", "Parent"),
    "level.national": ("全国", "national"),
    "level.province": ("省级", "province"),
    "level.prefecture": ("地级", "prefecture"),
    "level.county": ("县级", "county"),
    # pages
    "page.title": ("目标监测", "Target monitor"),
    "page.targets": ("目标清单", "Targets"),
    "page.observations": ("统计数据", "Statistics"),
    "page.document": ("文件", "Document"),
    "page.region": ("地区", "Region"),
    "page.indicator": ("指标", "Indicator"),
    "page.target": ("目标值", "Target"),
    "page.deadline": ("期限", "Deadline"),
    "page.quote": ("原文", "Quote"),
    "page.period": ("时期", "Period"),
    "page.value": ("数值", "Value"),
    "page.status": ("状态", "Status"),
    "page.source": ("来源", "Source"),
    "page.illustrative_warning": ("标注“示例数据”的数值为演示生成，并非统计数据。",
                                  "Figures tagged illustrative are generated for the "
                                  "demo and are not statistics."),
    # the board's tag beside a generated figure
    "page.illustrative_tag": ("示例数据", "illustrative"),
    "page.inferred": ("推定", "inferred"),
    "page.other_language": ("English", "中文"),
    "page.latest": ("最新数据", "Latest figure"),
    "page.assessed_at": ("评估时点 {when}", "assessed as of {when}"),
    "page.superseded": ("已被调整", "superseded"),
    "page.summary": ("共 {targets} 个目标，{observations} 条数据"
                     "（其中示例数据 {illustrative} 条）。",
                     "{targets} targets, {observations} figures ({illustrative} illustrative)."),
    # demo board: what each verdict rests on, and the demo's published figures
    # (indicators.data.basis, indicators.data.records.basis_summary, service.demo.published)
    "basis.real": ("公开数据", "published data"),
    "basis.illustrative": ("示例数据", "illustrative data"),
    "basis.mixed": ("部分示例数据", "partly illustrative"),
    "basis.none": ("无数据", "no data"),
    "basis.real_hint": ("所用数据均为公开发布的统计数据", "Every figure used is published"),
    "basis.illustrative_hint": ("所用数据均为演示生成的示例数据，并非统计数据",
                                "Every figure used is generated for the demo, not a statistic"),
    "basis.mixed_hint": ("所用数据部分为演示生成的示例数据，按示例数据计数",
                         "Some figures used are generated for the demo: counted as illustrative"),
    "basis.none_hint": ("尚无任何数据", "No figure at all yet"),
    "basis.group_real": ("基于公开数据 {count} 项", "{count} verdicts on published data"),
    "basis.group_illustrative": ("基于示例数据 {count} 项",
                                 "{count} verdicts on illustrative data"),
    "basis.group_none": ("尚无数据 {count} 项", "{count} verdicts without any data"),
    "basis.group_mixed_part": ("（其中部分示例 {count} 项）",
                               " (of which {count} partly illustrative)"),
    "basis.colon": ("：", ": "),
    "basis.separator": ("；", "; "),
    "page.basis_note": ("“基于公开数据”指评估所用的每个数据都是公开发布的统计数据；"
                        "用到任何示例数据的评估都计入“基于示例数据”。",
                        "“On published data”: every figure the verdict used is a published "
                        "statistic. A verdict that used any generated figure counts as on "
                        "illustrative data."),
    "demo.verdicts": ("评估结果：{summary}", "Verdicts: {summary}"),
    "demo.published_loaded": ("公开数据文件 {file}：共 {rows} 行，已载入 {loaded} 行，"
                              "未载入 {skipped} 行",
                              "Published figures {file}: {rows} rows, {loaded} loaded, "
                              "{skipped} not loaded"),
    "demo.row_skipped": ("  第{line}行未载入：{reason}", "  Line {line} not loaded: {reason}"),
    "demo.row_unknown_indicator": ("指标 {code} 不在目录中",
                                   "indicator {code} is not in the catalogue"),
    "demo.row_unknown_subject": ("地区或主体 {subject} 不在目录中",
                                 "region or entity {subject} is not in the catalogue"),
    "demo.row_bad_period": ("时期“{period}”无法识别", "period “{period}” cannot be read"),
    "demo.row_bad_value": ("数值“{value}”不是数字", "value “{value}” is not a number"),
    "demo.row_bad_unit": ("单位“{unit}”无法换算为指标单位“{expected}”",
                          "unit “{unit}” does not convert to the indicator's unit “{expected}”"),
    "demo.row_bad_status": ("状态“{status}”应为 final、preliminary 或 revised",
                            "status “{status}” must be final, preliminary or revised"),
    "demo.row_bad_date": ("公布日期“{published}”应为 YYYY-MM-DD",
                          "published date “{published}” must be YYYY-MM-DD"),
    "demo.row_future_date": ("公布日期 {published} 晚于载入时间",
                             "published date {published} is after the time of loading"),
    "demo.row_no_source": ("未注明来源", "no source given"),
    "kind.level_at_deadline": ("{comparator} {value}{unit}", "{comparator} {value} {unit}"),
    "kind.coverage": ("覆盖率 {comparator} {value}{unit}", "coverage {comparator} {value} {unit}"),
    "kind.kept_every_period": ("每期 {comparator} {value}{unit}",
                               "every period {comparator} {value} {unit}"),
    "kind.average_annual_growth": ("年均增长 {comparator} {value}{unit}",
                                   "average annual growth {comparator} {value} {unit}"),
    "kind.change_vs_baseline": ("较{baseline}年变化 {comparator} {value}{unit}",
                                "change vs {baseline} {comparator} {value} {unit}"),
    "kind.change_every_year": ("每年变化 {comparator} {value}{unit}",
                               "change each year {comparator} {value} {unit}"),
    "kind.cumulative_over_period": ("{start}–{deadline}年累计 {comparator} {value}{unit}",
                                    "{start}–{deadline} cumulative {comparator} {value} {unit}"),
    "kind.cumulative_in_year": ("{deadline}年内 {comparator} {value}{unit}",
                                "within {deadline} {comparator} {value} {unit}"),
    "baseline.unstated": ("基期", "baseline"),
    # as-of, publication dates and revisions (branch asof)
    "cli.retrospective": ("回溯评估：依据截至 {as_of} 已知的数据、口径调整和目标；"
                          "已另存为回溯运行，不替换当前评估（看板、接口和预警仍读取当前评估）",
                          "Retrospective assessment from the data, breaks and targets known "
                          "at {as_of}; stored as a retrospective run, it does not replace the "
                          "current assessment (the board, the API and alerts still read the "
                          "current one)"),
    "cli.retrospective_forecast": ("回溯预测：已另存为回溯运行，不替换各序列的当前预测",
                                   "Retrospective forecast: stored as a retrospective run, it "
                                   "does not replace any series' current forecast"),
    "cli.as_of_not_past": ("--as-of 须为已经结束的日期（北京时间）：{value}；"
                           "评估当前请省略 --as-of",
                           "--as-of must be a day that has ended (Beijing time): {value}; "
                           "leave it out to assess now"),
    "cli.bad_published": ("公布日期须为 YYYY-MM-DD 且不晚于今天（北京时间）：{value}",
                          "A published date must be YYYY-MM-DD and not after today "
                          "(Beijing time): {value}"),
    "cli.bad_known_from": ("--known-from 须为 YYYY-MM-DD 且不晚于今天（北京时间）：{value}",
                           "--known-from must be YYYY-MM-DD and not after today "
                           "(Beijing time): {value}"),
    "ingest.published_unreadable": ("无法识别公布日期：{raw}",
                                    "Cannot read the published date: {raw}"),
    "ingest.published_hint": ("公布日期写作 YYYY-MM-DD，如 2020-02-28；留空则为上报时间",
                              "Write the published date as YYYY-MM-DD, e.g. 2020-02-28; leave it "
                              "empty for the upload time"),
    "ingest.published_future": ("公布日期 {published} 晚于今天（北京时间），数据公布前不能登记",
                                "Published date {published} is after today (Beijing time): a "
                                "figure cannot be recorded before it is published"),
    "ingest.published_early": ("公布日期 {published} 早于时期 {period} 结束（{period_end}），"
                               "数据不可能在所报时期结束前公布",
                               "Published date {published} is before period {period} ended "
                               "({period_end}): a figure cannot be published before the period "
                               "it reports has ended"),
    "ingest.published_early_hint": ("请核对公布日期或时期",
                                    "Check the published date or the period"),
    "ingest.census_break": ("普查修订（上报文件 {file}）：{year}年起为新口径{link}",
                            "Census revision (upload {file}): new basis from {year}{link}"),
    "ingest.census_link": ("，按{year}年新旧口径之比{factor}衔接",
                           ", linked by the ratio of new to old basis in {year}, {factor}"),
    "ingest.census_unlinked": ("，无重叠年份，未能衔接", ", no overlapping year to link"),
    "figure.revision": ("修订：原为{previous}（{previous_at}公布），{revised_at}修订",
                        "revised: was {previous} (published {previous_at}), revised {revised_at}"),
    "template.published_instructions": (
        "“公布日期”列（可选）填写该数值正式公布的日期（YYYY-MM-DD，北京时间），留空则为上报时间；"
        "不得晚于今天，也不得早于所报时期结束。按日期回溯评估时只使用当日已公布的数据。"
        "第四次经济普查等普查修订后的数据，请在“状态”列选择“普查修订”，并尽量同时上报新口径的"
        "上年数据：系统将记录口径调整，并用重叠年份的新旧口径之比衔接，不会把修订误读为下降。",
        "The 公布日期 (published date) column, optional, takes the day the figure was officially "
        "published (YYYY-MM-DD, Beijing time); empty means the upload time. It may not be after "
        "today nor before the period it reports has ended. An assessment as of a date uses only "
        "the figures published by then. For figures revised by a census (e.g. the 4th economic "
        "census), choose 普查修订 (census revision) in the 状态 column and, where you can, send "
        "the previous year on the new basis too: a definition break is recorded and linked by "
        "the ratio of the two bases in the overlapping year, so the revision never reads as a "
        "fall."),
    # the service about itself: API errors, scheduler stop, catalogue duplicates
    "scheduler.stopped": ("定时任务已停止", "scheduler stopped"),
    "catalogue.duplicate_key": ("目标键 {key} 重复出现（第 {lines} 行）",
                                "Target key {key} occurs more than once (lines {lines})"),
    # API problems (service/api/problems.py): a parameter that cannot be read
    "api.invalid_parameters_title": ("请求参数无效", "Invalid request parameters"),
    "api.invalid_parameters": ("请求参数无效：{names}，详见 errors",
                               "Invalid request parameters: {names}; see errors"),
    "api.invalid_parameter": ("参数 {name} 的值“{value}”无效：{reason}",
                              "Parameter {name}: “{value}” is not valid: {reason}"),
    "api.expected_one_of": ("可选值为 {expected}", "expected one of {expected}"),
    "api.at_least": ("不得小于 {ge}", "must be at least {ge}"),
    "api.above": ("须大于 {gt}", "must be greater than {gt}"),
    "api.at_most": ("不得大于 {le}", "must be at most {le}"),
    "api.below": ("须小于 {lt}", "must be less than {lt}"),
    "api.integer": ("须为整数", "must be a whole number"),
    "api.number": ("须为数字", "must be a number"),
    "api.boolean": ("须为 true 或 false", "must be true or false"),
    "api.datetime": ("须为带时区的时间，如 2018-01-01T00:00:00+08:00",
                     "must be a time with a zone, e.g. 2018-01-01T00:00:00+08:00"),
    "api.date": ("须为日期 YYYY-MM-DD", "must be a date, YYYY-MM-DD"),
    "api.missing": ("缺少此参数", "is required"),
    "api.missing_parameter": ("缺少参数 {name}", "Parameter {name} is required"),
    "api.no_such_path": ("没有这个地址：{path}（接口列表见 /docs）",
                         "No such path: {path} (the API reference is at /docs)"),
    "api.method_not_allowed": ("{path} 不接受 {method} 请求", "{path} does not accept {method}"),
    "api.http_error": ("请求未能完成：{status} {phrase}", "Request failed: {status} {phrase}"),
    "api.bad_format": ("格式不符（{detail}）", "wrong format ({detail})"),
    # the target-gap chart (dashboards.charts)
    "chart.title": ("{region}{indicator}：{wording}", "{region} {indicator}: {wording}"),
    "chart.axis_year": ("年份", "Year"),
    "chart.axis_value": ("数值（{unit}）", "Value ({unit})"),
    "chart.actual_line": ("实际值", "Actual"),
    "chart.actual_final": ("实际值（最终）", "Actual (final)"),
    "chart.actual_revised": ("实际值（修订）", "Actual (revised)"),
    "chart.actual_preliminary": ("实际值（初步）", "Actual (preliminary)"),
    "chart.actual_illustrative": ("示例数据（演示生成）", "Illustrative (generated)"),
    "chart.illustrative_note": ("含示例数据：演示生成，不是统计数据",
                                "Includes illustrative figures: generated for the demo, "
                                "not statistics"),
    "chart.hover_illustrative": ("{year}年：{value} {unit}（示例数据，非统计数据）",
                                 "{year}: {value} {unit} (illustrative, not a statistic)"),
    "chart.hover_source": ("来源：{source}", "Source: {source}"),
    "chart.required_path": ("序时要求路径", "Required path"),
    "chart.target": ("目标值", "Target"),
    "chart.target_band": ("目标区间", "Target band"),
    "chart.forecast": ("预测", "Forecast"),
    "chart.fan_80": ("预测80%区间", "Forecast 80% interval"),
    "chart.fan_95": ("预测95%区间", "Forecast 95% interval"),
    "chart.deadline": ("期限 {year}", "Deadline {year}"),
    "chart.break": ("口径调整", "Definition break"),
    "chart.hover_figure": ("{year}年：{value} {unit}（{status}）",
                           "{year}: {value} {unit} ({status})"),
    "chart.hover_vintage": ("{published} 发布 {value}（{status}）",
                            "published {published}: {value} ({status})"),
    "chart.hover_path": ("{year}年应达 {value} {unit}", "{year}: {value} {unit} required"),
    "chart.hover_target": ("目标 {value} {unit}（{low}–{high}）",
                           "Target {value} {unit} ({low}–{high})"),
    "chart.hover_forecast": ("{year}年预测 {mean}；80%：{lo_80}–{hi_80}；95%：{lo_95}–{hi_95}",
                             "{year} forecast {mean}; 80%: {lo_80}–{hi_80}; "
                             "95%: {lo_95}–{hi_95}"),
    "chart.hover_break": ("{year}年起{kind}：{description}", "From {year}, {kind}: {description}"),
    "chart.break_definition": ("口径调整", "definition change"),
    "chart.break_census": ("普查修订", "census revision"),
    "chart.model": ("预测模型：{model}", "Forecast model: {model}"),
    "chart.no_png": ("无法导出图片：找不到 Chromium（{path}）；请安装 Debian 的 chromium 软件包",
                     "Cannot export the chart: no Chromium at {path}; install Debian's "
                     "chromium package"),
}

# The catalogue's parts, one per topic; a new topic adds its module here.
PARTS: tuple[dict[str, tuple[str, str]], ...] = (
    _GENERAL,
    INGEST_MESSAGES,
    ASSESSMENT_MESSAGES,
    USER_MESSAGES,
    WEB_MESSAGES,
    TRACK_RECORD_MESSAGES,
    BOARD_MESSAGES,
    TARGET_PAGE_MESSAGES,
    WEB_UPLOAD_MESSAGES,
    TARGET_EDIT_MESSAGES,
    ALERT_MESSAGES,
    DELIVERY_MESSAGES,
    RECIPIENT_MESSAGES,
    EMAIL_MESSAGES,
    ALERT_PAGE_MESSAGES,
)
MESSAGES: dict[str, tuple[str, str]] = {key: text for part in PARTS for key, text in part.items()}
"""Every message by key. The parts share no key (`tests` checks), so none hides another."""


def message(key: str, language: Language = Language.ZH, /, **values: object) -> str:
    """Return the message `key` in `language`, with its placeholders filled."""
    zh, en = MESSAGES[key]
    return (zh if language is Language.ZH else en).format(**values)


def bilingual(key: str, /, **values: object) -> str:
    """Return the message in Chinese and English, for errors a person must act on."""
    return f"{message(key, Language.ZH, **values)} / {message(key, Language.EN, **values)}"


def has_message(key: str) -> bool:
    """Tell whether the catalogue has `key` (for an optional, more specific wording)."""
    return key in MESSAGES
