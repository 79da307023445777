"""The message catalogue's part for uploads: cells, periods, records and files, as a clerk
reads them in an upload report (joined into `indicators.text.messages.MESSAGES`)."""

from __future__ import annotations

INGEST_MESSAGES: dict[str, tuple[str, str]] = {
    # ingest: cells and periods (ingest.cells.number_cell, ingest.cells.period_text)
    "cell.not_a_number": ("无法识别为数值：“{raw}”", "Not a number: “{raw}”"),
    "cell.suggest_number": ("请填写数字；缺失请留空或填“—”",
                            "Enter a number; leave the cell empty or “—” when missing"),
    "period.unrecognised": ("无法识别的时期：“{raw}”", "Unrecognised period: “{raw}”"),
    "period.needs_year": ("时期没有年份，表名、表头、各列和文件名中都找不到年份",
                          "The period has no year, and none is in the sheet title, the "
                          "header, a column or the file name"),
    "period.suggest": ("请写成如 2016、2016Q1、2016年3月、2016年1-9月",
                       "Write it like 2016, 2016Q1, 2016年3月 or 2016年1-9月"),
    # ingest: records (ingest.reading.layout, ingest.checks.validate)
    "layout.no_header": ("工作表“{sheet}”中找不到表头"
                         "（需有“指标”列，以及“时期”“数值”列或各时期列）",
                         "No header found in sheet “{sheet}” (it needs an 指标/indicator "
                         "column, and either 时期/period and 数值/value columns or one "
                         "column per period)"),
    "ingest.unknown_indicator": ("未知指标：“{raw}”", "Unknown indicator: “{raw}”"),
    "ingest.unknown_region": ("未知地区：“{raw}”", "Unknown region: “{raw}”"),
    "ingest.did_you_mean": ("是否应为：{names}", "Did you mean: {names}"),
    "ingest.not_permitted": ("无权上报该地区或指标的数据：“{raw}”",
                             "Not allowed to upload figures for this region or indicator: "
                             "“{raw}”"),
    "ingest.not_permitted_hint": ("请由该地区的统计部门上报，或联系管理员授权",
                                  "Ask that region's bureau to upload it, or an administrator "
                                  "to grant access"),
    "ingest.unit_mismatch": ("单位“{raw}”无法换算为该指标的单位“{expected}”",
                             "Unit “{raw}” does not convert to the indicator's unit "
                             "“{expected}”"),
    "ingest.unit_hint": ("请使用模板中的单位，或可换算的单位（如 元/万元/亿元、%/‰）",
                         "Use the template's unit, or one that converts (元/万元/亿元, %/‰)"),
    "ingest.period_frequency": ("时期“{raw}”与该指标的发布频率（{frequency}）不符",
                                "Period “{raw}” does not fit the indicator's frequency "
                                "({frequency})"),
    "frequency.annual": ("年度", "annual"),
    "frequency.quarterly": ("季度", "quarterly"),
    "frequency.monthly": ("月度", "monthly"),
    "ingest.out_of_range": ("数值 {raw} 超出该指标的合理范围 {low}～{high}",
                            "Value {raw} is outside the indicator's plausible range "
                            "{low}–{high}"),
    "ingest.jump": ("数值 {raw} 与上年 {previous} 相差超过 {factor} 倍",
                    "Value {raw} differs from the previous year's {previous} by more than "
                    "a factor of {factor}"),
    "ingest.jump_hint": ("请核对；如确因口径调整或普查修订，请注明后以“允许跳变”方式重新上报",
                         "Check it; if a definition change or census revision explains it, "
                         "upload again allowing jumps"),
    "ingest.conflict": ("同一指标、地区、时期在文件中出现了不同数值：“{raw}”",
                        "The same indicator, region and period has different values in the "
                        "file: “{raw}”"),
    "ingest.conflict_hint": ("请只保留一个数值", "Keep one value"),
    "ingest.repeated": ("重复的行（数值相同，只计一次）：“{raw}”",
                        "Repeated row (same value, counted once): “{raw}”"),
    "upload.accepted": ("已接收“{file}”：新增 {new} 条，修订 {revised} 条，未变 {unchanged} 条",
                        "Accepted “{file}”: {new} new, {revised} revised, {unchanged} "
                        "unchanged"),
    "upload.duplicate": ("“{file}”此前已接收，本次未作任何更改",
                         "“{file}” was accepted before; nothing changed"),
    "upload.rejected": ("已拒收“{file}”：发现 {errors} 处错误，数据未作任何更改",
                        "Rejected “{file}”: {errors} errors found; no data changed"),
    "upload.dry_run_ok": ("试运行：“{file}”可以接收（新增 {new} 条，修订 {revised} 条，"
                          "未变 {unchanged} 条），未写入数据",
                          "Dry run: “{file}” would be accepted ({new} new, {revised} revised, "
                          "{unchanged} unchanged); nothing written"),
    "user.created": ("已创建用户 {name}（{role}）。API 令牌仅显示这一次，请妥善保存：",
                     "Created user {name} ({role}). The API token is shown only this once; "
                     "keep it safe:"),
    "user.exists": ("用户 {name} 已存在", "User {name} already exists"),
    "user.unknown_region": ("未知地区代码：{codes}", "Unknown region codes: {codes}"),
    "template.written": ("模板已写入 {path}", "Template written to {path}"),
    "scheduler.started": ("定时任务已启动：{jobs}", "Scheduler started: {jobs}"),
    "scheduler.id": ("任务", "Job"),
    "scheduler.next": ("下次运行", "Next run"),
    "scheduler.job": ("说明", "What it does"),
    "drop.internal_error": ("内部错误（{error}）导致文件“{file}”未能导入，数据未作任何更改；"
                            "错误详情已记入日志",
                            "An internal error ({error}) stopped “{file}” from being ingested; "
                            "no figure changed, and the details are in the log"),
    "template.pick_from_list": ("请从下拉列表中选择", "Pick a value from the list"),
    "template.instructions": ("每行填写一个数值：时期写作 2016、2016Q1、2016年3月 或 "
                              "2016年1-9月；单位可换算（如 万元、亿元）；"
                              "状态填 初步、最终 或 修订；缺失请留空。",
                              "One figure a row: periods like 2016, 2016Q1, 2016年3月 or "
                              "2016年1-9月; units may convert (万元, 亿元); status 初步, 最终 or "
                              "修订; leave a missing figure empty."),
    # files (ingest.reading: readers, csv_reader, xlsx_reader, encoding)
    "file.too_large": ("文件“{name}”大小 {size} 超过上限 {limit}",
                       "File “{name}” is {size}, over the limit of {limit}"),
    "file.unknown_type": ("不支持的文件类型“{name}”（请上传 .csv 或 .xlsx）",
                          "Unsupported file type “{name}” (upload .csv or .xlsx)"),
    "file.not_xlsx": ("文件“{name}”不是有效的 Excel（.xlsx）文件：{detail}",
                      "“{name}” is not a valid Excel (.xlsx) file: {detail}"),
    "file.zip_bomb": ("文件“{name}”解压后达 {size}，超过上限 {limit}，已拒绝",
                      "“{name}” unpacks to {size}, over the limit of {limit}; refused"),
    "file.too_many_rows": ("工作表“{sheet}”超过 {limit} 行，已拒绝",
                           "Sheet “{sheet}” has more than {limit} rows; refused"),
    "file.too_many_columns": ("工作表“{sheet}”超过 {limit} 列，已拒绝",
                              "Sheet “{sheet}” has more than {limit} columns; refused"),
    "file.encoding": ("无法识别文件“{name}”的编码（支持 UTF-8、GBK/GB18030 与 UTF-16）",
                      "Cannot tell the encoding of “{name}” (UTF-8, GBK/GB18030 and UTF-16 "
                      "are supported)"),
    "file.not_text": ("文件“{name}”不是文本表格", "“{name}” is not a text table"),
    "file.empty": ("文件“{name}”没有数据", "“{name}” holds no data"),
    "file.no_figures": ("文件“{name}”有表头但没有任何数值，未接收",
                        "“{name}” has a header but not a single figure; not accepted"),
    "file.no_figures_hint": ("请在数值列填写数据后重新上传",
                             "Fill in the value column and upload again"),
    "file.unsafe_name": ("文件名“{name}”含有路径或控制字符，已拒绝",
                         "The file name “{name}” holds a path or control characters; refused"),
    "file.unsafe_name_hint": ("请改为不含“/”“\\”“..”的文件名，例如“{safe}”",
                              "Rename it without “/”, “\\” or “..”, e.g. “{safe}”"),
    "period.future": ("时期“{raw}”尚未开始，不能上报数据",
                      "Period “{raw}” has not begun yet; no figure can be reported for it"),
    "period.future_hint": ("请检查年份是否写错", "Check the year for a typing mistake"),
    # layouts and cells (ingest.reading: header, layout, xlsx_reader)
    "layout.ambiguous_value": ("工作表“{sheet}”有两个数值列：{first} 列“{first_header}”和 "
                               "{second} 列“{second_header}”，无法确定应读取哪一列",
                               "Sheet “{sheet}” has two value columns, {first} "
                               "(“{first_header}”) and {second} (“{second_header}”); which one "
                               "to read cannot be told"),
    "layout.ambiguous_value_hint": ("请只保留一个数值列，或将另一列改名（如“上年同期”）",
                                    "Keep one value column, or rename the other (e.g. "
                                    "“上年同期”)"),
    "layout.ambiguous_column": ("工作表“{sheet}”有两个{field_zh}（{field_en}）列："
                                "{first} 列“{first_header}”和 {second} 列“{second_header}”，"
                                "无法确定应读取哪一列",
                                "Sheet “{sheet}” has two {field_en} ({field_zh}) columns, {first} "
                                "(“{first_header}”) and {second} (“{second_header}”); which "
                                "one to read cannot be told"),
    "layout.ambiguous_column_hint": ("请只保留一列，或将另一列改名",
                                     "Keep one of them, or rename the other"),
    "period.needs_year_hint": ("请在表名（如“淄博市2024年1-9月主要经济指标”）、表头（如"
                               "“2024年1-9月”）或文件名中写明年份",
                               "Put the year in the sheet title (e.g. “淄博市2024年1-9月主要经济"
                               "指标”), in the header (e.g. “2024年1-9月”) or in the file name"),
    "cell.formula_no_value": ("单元格是公式“{raw}”，文件中没有保存它的计算结果",
                              "The cell holds the formula “{raw}”, but the file holds no "
                              "result for it"),
    "cell.formula_hint": ("请用 Excel 或 WPS 打开文件并保存（保存时会写入计算结果），"
                          "或将公式“选择性粘贴”为数值后再上传",
                          "Open the file in Excel or WPS and save it (saving stores the "
                          "results), or paste the formulas as values, then upload again"),
    # upload reports (ingest.reports.report_files), the drop folder, templates
    "report.problem": ("问题", "Problem"),
    "report.severity": ("级别", "Severity"),
    "report.occurrences": ("次数", "Occurrences"),
    "report.times": ("（共 {count} 处）", " ({count} places)"),
    "severity.error": ("错误", "error"),
    "severity.warning": ("警告", "warning"),
    "report.warning_mark": ("【警告】", "[warning] "),
    "report.where": ("工作表“{sheet}”第 {row} 行 {column} 列", "sheet “{sheet}”, row {row}, "
                     "column {column}"),
    "report.where_file": ("文件“{sheet}”", "file “{sheet}”"),
    "report.first_problem": ("{where}：{reason}", "{where}: {reason}"),
    "report.unknown_format": ("报告文件须以 .csv、.xlsx 或 .json 结尾：{path}",
                              "A report file must end in .csv, .xlsx or .json: {path}"),
    "report.written": ("报告已写入 {path}", "Report written to {path}"),
    "report.not_found": ("找不到上传记录 {id}", "No upload {id}"),
    "drop.rejected": ("投放文件“{file}”已拒收（{errors} 处问题），首个问题：{problem}；"
                      "报告见 {report}",
                      "Drop-folder file “{file}” rejected ({errors} problems); first: {problem}; "
                      "report in {report}"),
    "template.unknown_indicator": ("未知指标“{raw}”{closest}",
                                   "Unknown indicator “{raw}”{closest}"),
    "template.unknown_region": ("未知地区“{raw}”{closest}", "Unknown region “{raw}”{closest}"),
    "template.closest": ("（最接近的：{names}）", " (closest: {names})"),
    "template.see_catalogue": ("（全部名称见 targetwatch catalog list）",
                               " (every name: targetwatch catalog list)"),
    "template.nothing_asked": ("请至少给出一个指标和一个地区",
                               "Name at least one indicator and one region"),
    "template.codes_note": ("“指标编码”“地区编码”两列仅供核对，上传时不读取；指标和地区按名称识别，"
                            "名称、代码与别名见“目录”工作表。",
                            "The 指标编码/地区编码 columns (codes) are for reference and are not "
                            "read on upload: indicators and regions are matched by name; the "
                            "目录 sheet lists every name, code and alias."),
    # unit mistakes, year-to-date totals, grouped issues (ingest.checks: unit_check,
    # ytd_check; ingest.reports: report_groups, issues)
    "text.truncated": ("…（共{chars}字）", "… ({chars} chars)"),
    "layout.no_region": ("表中没有“地区”列，表名中也没有可识别的地区名称",
                         "The sheet has no 地区/region column, and its title names no known "
                         "region"),
    "layout.no_region_hint": ("请增加“地区”列，或在表名中写明地区（如“淄博市2017年主要指标”）",
                              "Add a 地区/region column, or put the region's name in the title "
                              "(e.g. “淄博市2017年主要指标”)"),
    "ingest.unit_suspect": ("单位可能有误（{units}）：数值 {raw} 约为{reference}（{expected}"
                            "{unit}）的 {scale} 倍",
                            "The unit is probably wrong ({units}): {raw} is about {scale} "
                            "times {reference} ({expected} {unit})"),
    "ingest.unit_suspect_scale": ("单位可能有误（相差 {scale} 倍）：数值 {raw} 约为{reference}"
                                  "（{expected}{unit}）的 {scale} 倍",
                                  "The unit is probably wrong (off by {scale}): {raw} is about "
                                  "{scale} times {reference} ({expected} {unit})"),
    "ingest.unit_suspect_hint": ("应为 {corrected}{unit}？请核对单位后重新上报",
                                 "Should it be {corrected} {unit}? Check the unit and upload "
                                 "again"),
    "ingest.ytd_falls": ("累计数不应减少：{later}为 {later_value}，小于{earlier}的 "
                         "{earlier_value}",
                         "A year-to-date total cannot fall: {later} is {later_value}, less "
                         "than {earlier_value} for {earlier}"),
    "ingest.ytd_falls_hint": ("请核对这两个累计数（1–N月累计数在一年内只增不减）",
                              "Check both totals (a 1–N month total only grows within a year)"),
    "ingest.ytd_mismatch": ("{period}的数值 {raw} 与累计数推算值 {derived} 不符"
                            "（{later} {later_value} − {earlier} {earlier_value}）",
                            "{period}: {raw} does not match {derived} derived from the "
                            "year-to-date totals ({later} {later_value} − {earlier} "
                            "{earlier_value})"),
    "ingest.ytd_mismatch_hint": ("请核对当期数与两个累计数；如累计数含以前月份的修订，可忽略此提示",
                                 "Check the period's figure and both totals; if the totals "
                                 "include revisions of earlier months, ignore this warning"),
    "period.label_year": ("{year}年", "{year}"),
    "period.label_half1": ("{year}年上半年", "{year} H1"),
    "period.label_half2": ("{year}年下半年", "{year} H2"),
    "period.label_quarter": ("{year}年第{number}季度", "{year} Q{number}"),
    "period.label_month": ("{year}年{number}月", "{year}-{number:02d}"),
    "period.label_ytd": ("{year}年1–{number}月", "{year}, months 1–{number}"),
}
