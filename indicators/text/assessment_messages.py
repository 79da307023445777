"""The message catalogue's part for verdicts: the reasons an assessment gives, in the
words of the target model, the forecast and the status rule, and the status names (joined
into `indicators.text.messages.MESSAGES`)."""

from __future__ import annotations

ASSESSMENT_MESSAGES: dict[str, tuple[str, str]] = {
    # assessment reasons (indicators.assess)
    "assess.no_baseline_year": ("目标未给出基期或起始年份，无法测算进度",
                                "The target states no baseline or start year"),
    "assess.no_baseline": ("缺少{year}年基期数据", "No baseline figure for {year}"),
    "assess.no_data": ("尚无{year}年以来的实际数据", "No actual figures since {year}"),
    "assess.definition_break": ("{year}年统计口径调整且无衔接系数，前后数据不可比",
                                "Definition break in {year} with no linking factor: figures "
                                "before and after are not comparable"),
    "assess.unit_mismatch": ("目标单位“{target_unit}”无法换算为指标单位“{unit}”",
                             "The target's unit {target_unit} does not convert to the "
                             "indicator's unit {unit}"),
    "assess.missing_year": ("缺少{year}年数据，无法连续计算", "No figure for {year}: the "
                            "series cannot be chained across it"),
    "assess.change_achieved": ("{year}年较{base}年变化{actual}，达到目标{target}",
                               "Change from {base} to {year} of {actual} meets the target "
                               "{target}"),
    "assess.change_missed": ("{year}年较{base}年变化{actual}，未达到目标{target}",
                             "Change from {base} to {year} of {actual} falls short of the "
                             "target {target}"),
    "assess.achieved": ("{year}年实际{actual}，达到目标{target}",
                        "{year} actual {actual} meets the target {target}"),
    "assess.achieved_early": ("{year}年实际{actual}，已提前达到{deadline}年目标{target}",
                              "{year} actual {actual} already meets the {deadline} target "
                              "{target}"),
    "assess.missed": ("{year}年实际{actual}，未达到目标{target}",
                      "{year} actual {actual} falls short of the target {target}"),
    "assess.growth_achieved": ("{first}–{year}年年均增长{actual}，达到目标{target}",
                               "Average growth {actual} over {first}–{year} meets the target "
                               "{target}"),
    "assess.growth_missed": ("{first}–{year}年年均增长{actual}，未达到目标{target}",
                             "Average growth {actual} over {first}–{year} falls short of the "
                             "target {target}"),
    "assess.growth_progress": ("{first}–{year}年年均增长{actual}（目标{target}）；"
                               "{next}–{deadline}年需年均增长{required}方可完成年均目标",
                               "Average growth {actual} over {first}–{year} (target {target}); "
                               "{required} a year needed over {next}–{deadline}"),
    "assess.growth_progress_last": ("{first}–{year}年年均增长{actual}（目标{target}）；"
                                    "{deadline}年需增长{required}方可完成年均目标",
                                    "Average growth {actual} over {first}–{year} (target "
                                    "{target}); {deadline} needs {required} to meet it"),
    "assess.progress_rate": ("截至{year}年实际{actual}，完成进度{distance}、时间进度{time}；"
                             "今后{remaining}年需年均增长{required}方可达到{target}",
                             "{year} actual {actual}: {distance} of the way in {time} of the "
                             "time; {required} a year needed over the next {remaining} years "
                             "to reach {target}"),
    "assess.progress_change": ("截至{year}年实际{actual}，完成进度{distance}、时间进度{time}；"
                               "今后{remaining}年每年需{change}方可达到{target}",
                               "{year} actual {actual}: {distance} of the way in {time} of "
                               "the time; {change} a year needed over the next {remaining} "
                               "years to reach {target}"),
    "assess.kept": ("{first}–{year}年各年均满足{target}（最近为{actual}）",
                    "Every year {first}–{year} meets {target} (latest {actual})"),
    "assess.breached": ("{years}年未满足{target}（{year}年为{actual}）",
                        "{years} did not meet {target} ({year}: {actual})"),
    "assess.preliminary_suffix": ("（最新数据为初步数）", " (latest figure preliminary)"),
    "assess.illustrative_suffix": ("（依据示例数据，非统计数据）",
                                   " (from illustrative data, not statistics)"),
    # target model: rates compounded, missing years, level targets without a baseline
    "assess.change_progress_down_down": ("截至{year}年较{base}年累计下降{so_far}，还需年均下降"
                                         "{needed}方可达到{target}",
                                         "Down {so_far} on {base} by {year}; needs a further "
                                         "fall of {needed} a year to reach {target}"),
    "assess.change_progress_down_up": ("截至{year}年较{base}年累计下降{so_far}，还需年均增长"
                                       "{needed}方可达到{target}",
                                       "Down {so_far} on {base} by {year}; needs a rise of "
                                       "{needed} a year to reach {target}"),
    "assess.change_progress_up_down": ("截至{year}年较{base}年累计增长{so_far}，还需年均下降"
                                       "{needed}方可达到{target}",
                                       "Up {so_far} on {base} by {year}; needs a fall of "
                                       "{needed} a year to reach {target}"),
    "assess.change_progress_up_up": ("截至{year}年较{base}年累计增长{so_far}，还需年均增长"
                                     "{needed}方可达到{target}",
                                     "Up {so_far} on {base} by {year}; needs a further rise "
                                     "of {needed} a year to reach {target}"),
    "assess.actual_of_year": ("{year}年实际", "{year} actual"),
    "assess.estimate_of_year": ("{year}年估算", "{year} estimated"),
    "assess.filled_suffix": ("（缺{years}年数据，按前后年份插值估算）",
                             " (no figure for {years}: interpolated from the years around it)"),
    "assess.no_baseline_level": ("缺少{base}年基期数据，无法测算进度；{year}年实际{actual}，"
                                 "尚未达到{deadline}年目标{target}",
                                 "No baseline figure for {base}, so no progress measure; {year} "
                                 "actual {actual} does not meet the {deadline} target {target} "
                                 "yet"),
    # forecasting: assessment reasons
    "assess.forecast_suffix": ("；预测{year}年{mean}（80%区间{lo}～{hi}），达标概率{probability}",
                               "; forecast for {year}: {mean} (80% interval {lo} to {hi}), "
                               "probability of meeting the target {probability}"),
    "assess.forecast_only": ("{year}年以来尚无期内数据，仅依据预测判断",
                             "No figure inside the period since {year} yet: judged on the "
                             "forecast alone"),
    # verdicts: the status decided by the probability of meeting the target
    "assess.by_probability": ("{year}年实际{actual}；据此预测，{deadline}年达到目标{target}的"
                              "概率为{probability}（预测{mean}，80%区间{lo}～{hi}）",
                              "{year} actual {actual}; on the figures to {year}, the chance "
                              "of meeting {target} by {deadline} is {probability} (forecast "
                              "{mean}, 80% interval {lo} to {hi})"),
    "assess.by_probability_change_down": ("截至{year}年较{base}年累计下降{so_far}；据此预测，"
                                          "{deadline}年达到目标{target}的概率为{probability}"
                                          "（预测{mean}，80%区间{lo}～{hi}）",
                                          "Down {so_far} on {base} by {year}; on the figures "
                                          "to {year}, the chance of meeting {target} by "
                                          "{deadline} is {probability} (forecast {mean}, 80% "
                                          "interval {lo} to {hi})"),
    "assess.by_probability_change_up": ("截至{year}年较{base}年累计增长{so_far}；据此预测，"
                                        "{deadline}年达到目标{target}的概率为{probability}"
                                        "（预测{mean}，80%区间{lo}～{hi}）",
                                        "Up {so_far} on {base} by {year}; on the figures to "
                                        "{year}, the chance of meeting {target} by {deadline} "
                                        "is {probability} (forecast {mean}, 80% interval {lo} "
                                        "to {hi})"),
    "assess.by_probability_growth": ("{first}–{year}年年均增长{actual}；据此预测，{deadline}年"
                                     "达到目标{target}的概率为{probability}（预测{mean}，80%"
                                     "区间{lo}～{hi}）",
                                     "Average growth {actual} over {first}–{year}; on the "
                                     "figures to {year}, the chance of meeting {target} by "
                                     "{deadline} is {probability} (forecast {mean}, 80% "
                                     "interval {lo} to {hi})"),
    "inyear.amount": ("{year}年1–{month}月累计{actual}{unit}，按{basis}应完成全年目标的{share}"
                      "即{expected}{unit}（上年同期{last}{unit}）",
                      "{year} Jan–month {month}: {actual} {unit}; by {basis} {share} of the "
                      "year's target is due, {expected} {unit} (same period last year {last})"),
    "inyear.rate": ("{year}年1–{month}月累计增长{actual}%，全年需增长{expected}%"
                    "（上年同期{last}%）",
                    "{year} Jan–month {month}: growth {actual}%, the year needs {expected}% "
                    "(same period last year {last}%)"),
    "inyear.basis_seasonal": ("往年季节规律", "the seasonal pattern of past years"),
    "inyear.basis_even": ("序时进度", "even progress (N/12)"),
    "inyear.on_pace": ("，进度正常", "; on pace"),
    "inyear.behind": ("，慢于进度", "; behind pace"),
    "status.achieved": ("已完成", "achieved"),
    "status.on_track": ("进展正常", "on track"),
    "status.at_risk": ("存在风险", "at risk"),
    "status.off_track": ("进度滞后", "off track"),
    "status.missed": ("未完成", "missed"),
    "status.not_assessable": ("无法评估", "not assessable"),
    "status.preliminary": ("初步", "preliminary"),
    "status.final": ("最终", "final"),
    "status.revised": ("修订", "revised"),
}
