"""Messages of the target page (`/targets/{key}`): its sections, the "why this status"
panel (the required-path rule in words, every input, the thresholds), the revision and
status histories, and the status-history chart."""

from __future__ import annotations

TARGET_PAGE_MESSAGES: dict[str, tuple[str, str]] = {
    "target_page.title": ("{region}{indicator}：目标详情", "{region} {indicator}: target"),
    "target_page.not_found_title": ("未找到目标", "Target not found"),
    "target_page.not_found": ("没有键为“{key}”的目标。", "There is no target with key “{key}”."),
    "target_page.back": ("返回目标看板", "Back to the board"),
    "target_page.chart_png": ("下载图表（PNG）", "Download the chart (PNG)"),
    "target_page.chart_heading": ("目标差距图", "Target-gap chart"),
    # the target and its document
    "target_page.quote_heading": ("原文", "Verbatim quote"),
    "target_page.document": ("文件", "Document"),
    "target_page.issuer": ("发文机关", "Issued by"),
    "target_page.issued_on": ("发布日期", "Issued on"),
    "target_page.clause": ("条款", "Clause"),
    "target_page.lead_department": ("牵头部门", "Lead department"),
    "target_page.nature": ("属性", "Nature"),
    "target_page.nature_binding": ("约束性", "binding"),
    "target_page.nature_expected": ("预期性", "expected"),
    "target_page.nature_unknown": ("未注明", "not stated"),
    "target_page.deadline": ("期限", "Deadline"),
    "target_page.deadline_inferred": ("{year}年（按规划期推定）",
                                      "{year} (inferred from the plan)"),
    "target_page.unknown": ("—", "—"),
    # the status
    "target_page.status_heading": ("状态", "Status"),
    "target_page.no_verdict": ("尚未评估", "Not assessed yet"),
    "target_page.assessed": ("评估时点 {date}（{kind}，第{run}次运行）",
                             "assessed as of {date} ({kind}, run {run})"),
    "target_page.run_current": ("当前评估", "current"),
    "target_page.run_retrospective": ("回溯评估", "retrospective"),
    "target_page.as_of_note": ("所用评估：{date}（{kind}，第{run}次运行）",
                               "assessment used: {date} ({kind}, run {run})"),
    "target_page.as_of_note_none": ("该日尚无此目标的评估", "no assessment of this target yet"),
    # why this status
    "target_page.why_heading": ("为何是这个状态", "Why this status"),
    "target_page.formula_heading": ("序时要求路径（公式）", "Required path (formula)"),
    "target_page.formula_linear": (
        "线性路径：R(y) = 基期值 + (目标值 − 基期值) × (y − {base}) ÷ ({deadline} − {base})；"
        "跟踪量为当年数值",
        "Linear path: R(y) = baseline + (target − baseline) × (y − {base}) ÷ "
        "({deadline} − {base}); the tracked quantity is the year's figure"),
    "target_page.formula_growth": (
        "几何路径（复合增长）：增长指数 R(y) = (1 + {rate}%)^(y − {base})；跟踪量为增长指数"
        " I(y)，{source}",
        "Geometric path (compound growth): growth index R(y) = (1 + {rate}%)^(y − {base}); "
        "the tracked quantity is the growth index I(y), {source}"),
    "target_page.growth_from_rates": ("由逐年增速连乘：I(y) = ∏(1 + r/100)",
                                      "chained from the yearly rates: I(y) = ∏(1 + r/100)"),
    "target_page.growth_from_levels": ("由水平值之比：I(y) = v(y) ÷ v({base})",
                                       "from levels: I(y) = v(y) ÷ v({base})"),
    "target_page.formula_change_percent": (
        "几何路径：较{base}年变化 R(y) = ((1 + {value}%)^((y − {base}) ÷ ({deadline} − {base}))"
        " − 1) × 100%；跟踪量为较基期的累计变化（%）",
        "Geometric path: change since {base}, R(y) = ((1 + {value}%)^((y − {base}) ÷ "
        "({deadline} − {base})) − 1) × 100%; the tracked quantity is the change since the "
        "baseline (%)"),
    "target_page.formula_change_linear": (
        "线性路径：较{base}年变化 R(y) = {value} × (y − {base}) ÷ ({deadline} − {base})；"
        "跟踪量为较基期的变化（{unit}）",
        "Linear path: change since {base}, R(y) = {value} × (y − {base}) ÷ "
        "({deadline} − {base}); the tracked quantity is the change since the baseline "
        "({unit})"),
    "target_page.formula_every_year": (
        "逐年判定：每年较上年的变化须 {comparator} {value}{unit}（自{first}年起每年）",
        "Judged year by year: each year's change on the year before must be "
        "{comparator} {value} {unit} (every year from {first})"),
    "target_page.formula_bound": (
        "逐年判定：每年数值须 {comparator} {value}{unit}（自{first}年起每年均须满足）",
        "Judged year by year: every year's figure must be {comparator} {value} {unit} "
        "(every year from {first})"),
    "target_page.formula_cumulative": (
        "累计路径：R(y) = {value} × (y − {first} + 1) ÷ ({deadline} − {first} + 1)；"
        "跟踪量为自{first}年起的累计值",
        "Cumulative path: R(y) = {value} × (y − {first} + 1) ÷ ({deadline} − {first} + 1); "
        "the tracked quantity is the running total from {first}"),
    "target_page.formula_no_base": ("目标未给出基期或起始年份，无法画出要求路径",
                                    "The target states no baseline or start year: no "
                                    "required path"),
    "target_page.decided_probability": (
        "由达标概率决定：概率 ≥ {meet} 为进展正常，< {miss} 为进度滞后，其间为存在风险"
        "（{nature}目标的切分点）",
        "Decided by the probability of meeting the target: at least {meet} on track, below "
        "{miss} off track, at risk in between (the cut points for {nature} targets)"),
    "target_page.decided_ratio": (
        "由进度比决定（实际进展 ÷ 要求进展，在要求路径上为 1）：≥ {on} 为进展正常，"
        "≥ {risk} 为存在风险，以下为进度滞后（{nature}目标的阈值；无预测时使用）",
        "Decided by the progress ratio (actual over required progress, 1 on the required "
        "path): at least {on} on track, at least {risk} at risk, below off track (the "
        "thresholds for {nature} targets; used when there is no forecast)"),
    "target_page.decided_figure": (
        "由实际数据直接判定：期限年已有数据、已提前完成或已违反界限",
        "Decided by the figures themselves: the deadline year's figure, an early "
        "achievement or a breached bound"),
    "target_page.decided_none": ("无法评估，原因见上", "Not assessable; see the reason above"),
    "target_page.hysteresis": ("回滞：状态须低于赢得它的切分点 {band} 以上才会下降",
                               "Hysteresis: a status falls only once it is {band} below "
                               "the cut point that earned it"),
    "target_page.inputs_heading": ("输入数据及其版本", "Inputs and their vintages"),
    "target_page.input": ("项目", "Input"),
    "target_page.input_value": ("数值", "Value"),
    "target_page.input_vintage": ("版本 / 来源", "Vintage / source"),
    "target_page.in_baseline": ("基期值（{year}年）", "Baseline ({year})"),
    "target_page.baseline_stated": ("目标文件所述", "as stated in the document"),
    "target_page.vintage": ("{published}公布（{status}）；{source}",
                            "published {published} ({status}); {source}"),
    "target_page.in_latest": ("最新数据（{year}年）", "Latest figure ({year})"),
    "target_page.in_tracked": ("跟踪量 Q({year})", "Tracked quantity Q({year})"),
    "target_page.in_required": ("要求值 R({year})", "Required now R({year})"),
    "target_page.in_time_share": ("时间进度", "Time share"),
    "target_page.in_distance_share": ("完成进度", "Distance share"),
    "target_page.in_progress_ratio": ("进度比", "Progress ratio"),
    "target_page.in_gap": ("差距 Q − R", "Gap Q − R"),
    "target_page.in_required_rate": ("尚需年均增速", "Rate still required"),
    "target_page.in_required_change": ("尚需年均变化", "Change still required per year"),
    "target_page.in_probability": ("达标概率", "Probability of meeting"),
    "target_page.in_forecast": ("{year}年预测", "Forecast for {year}"),
    "target_page.forecast_value": ("{mean}（80%：{lo_80}–{hi_80}；95%：{lo_95}–{hi_95}）",
                                   "{mean} (80%: {lo_80}–{hi_80}; 95%: {lo_95}–{hi_95})"),
    "target_page.in_model": ("预测模型（评估所用）", "Forecast model (the assessment's)"),
    "target_page.in_series_model": ("序列预测模型", "Series forecast model"),
    "target_page.series_model": ("{model}：{reason}（{n_obs}个年度数据，至{last}；"
                                 "预测运行 {date}）",
                                 "{model}: {reason} ({n_obs} annual figures, to {last}; "
                                 "forecast run {date})"),
    "target_page.thresholds_heading": ("所用阈值（本次评估运行）",
                                       "Thresholds in force (this assessment run)"),
    "target_page.threshold": ("阈值", "Threshold"),
    "target_page.expected": ("预期性", "Expected"),
    "target_page.binding": ("约束性", "Binding"),
    "target_page.applies": ("（适用）", " (applies)"),
    "target_page.th_on_track": ("进度比：进展正常", "Progress ratio: on track"),
    "target_page.th_at_risk": ("进度比：存在风险", "Progress ratio: at risk"),
    "target_page.th_likely_meet": ("达标概率：进展正常", "Probability: on track"),
    "target_page.th_likely_miss": ("达标概率：进度滞后以下", "Probability: off track below"),
    "target_page.th_hysteresis": ("回滞带", "Hysteresis band"),
    "target_page.th_approx": ("“左右”默认容差（占目标值）",
                              "Default 左右 tolerance (share of the target)"),
    # histories
    "target_page.revisions_heading": ("数据修订记录", "Revision history of the figures"),
    "target_page.col_year": ("年份", "Year"),
    "target_page.col_value": ("数值", "Value"),
    "target_page.col_status": ("状态", "Status"),
    "target_page.col_published": ("公布日期", "Published"),
    "target_page.col_source": ("来源", "Source"),
    "target_page.col_revised": ("修订了", "Revised"),
    "target_page.revised_from": ("原为{value}（{published}公布）",
                                 "was {value} (published {published})"),
    "target_page.no_figures": ("尚无数据", "No figures yet"),
    "target_page.history_heading": ("历次评估的状态与达标概率",
                                    "Status and probability over past assessments"),
    "target_page.col_run": ("评估时点", "Assessed as of"),
    "target_page.col_kind": ("运行", "Run"),
    "target_page.col_probability": ("达标概率", "Probability"),
    "target_page.col_reason": ("原因", "Reason"),
    "target_page.no_history": ("尚无评估记录", "No assessment yet"),
    # the status-history chart (dashboards.charts.status_history)
    "history_chart.status": ("状态", "Status"),
    "history_chart.probability": ("达标概率", "Probability of meeting"),
    "history_chart.axis_run": ("评估时点", "Assessed as of"),
    "history_chart.axis_probability": ("达标概率", "Probability"),
    "history_chart.current": ("当前评估", "current"),
    "history_chart.retrospective": ("回溯评估", "retrospective"),
    "history_chart.hover": ("{date}（{kind}）：{status}；达标概率 {probability}<br>{reason}",
                            "{date} ({kind}): {status}; probability {probability}<br>{reason}"),
}
