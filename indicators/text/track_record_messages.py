"""User-facing text of the replay (retrospective runs at past days), the demo's opening day
and the track record page, Chinese first with English beside it; `indicators.text.messages`
merges it."""

from __future__ import annotations

TRACK_RECORD_MESSAGES: dict[str, tuple[str, str]] = {
    # replay (service/cli/replay.py, service/demo/loader.py)
    "replay.bad_every": ("间隔“{value}”应写作 Nm（月）或 Ny（年），如 6m、1y",
                         "Interval “{value}” should read Nm (months) or Ny (years), e.g. 6m, 1y"),
    "replay.bad_range": ("起始日 {first} 晚于截止日 {last}", "Start {first} is after end {last}"),
    "replay.done": ("已回放 {days} 个日期（{first} 至 {last}），每个日期保存一次回溯评估"
                    "{forecasts}", "Replayed {days} days ({first} to {last}): a retrospective "
                    "assessment{forecasts} stored for each"),
    "replay.with_forecasts": ("和回溯预测", " and forecast"),
    "replay.day": ("  {day}：{summary}", "  {day}: {summary}"),
    "demo.replayed": ("回放：已保存 {days} 个历史日期（{first} 至 {last}）的回溯评估和预测",
                      "Replay: retrospective assessments and forecasts stored for {days} past "
                      "days ({first} to {last})"),
    "demo.open_at": ("演示从 {day} 的情况开始（其时种子目标多数仍在期内）：{url}",
                     "The demo opens as known on {day}, while most seed targets were live: "
                     "{url}"),
    # the track record page (dashboards/pages/track_record.py, dashboards/charts/reliability.py)
    "track.title": ("历史准确度", "Track record"),
    "track.lead": ("已过截止年份、结果已定（已完成或未完成）的目标："
                   "此前每次评估所说的状态和达标概率，对照最终结果。",
                   "Targets whose deadline has passed and whose outcome is "
                   "settled (achieved or missed): the status and probability each earlier "
                   "assessment stated, against how it ended."),
    "track.pooling": ("计分方法：每个（目标，评估日期）组合计一次，"
                      "只计结果揭晓之前、给出了概率的评估"
                      "（共 {pairs} 个组合，来自 {targets} 个目标）。同一目标的各次评估并不独立，"
                      "因此另列每个目标仅计结果揭晓前最后一次概率的得分。",
                      "Scoring: one pair per (target, assessment day), counting only the "
                      "assessments before the outcome was known that stated a probability "
                      "({pairs} pairs from {targets} targets). A target's assessments are not "
                      "independent, so the score of each target's last probability before its "
                      "outcome is shown as well."),
    "track.illustrative_warning": ("注意：{count} 个目标的结果（全部或部分）基于示例数据，"
                                   "并非统计数据；据此得出的准确度只演示方法，不说明预测的真实水平。",
                                   "Note: {count} targets' outcomes rest (wholly or partly) on "
                                   "illustrative data, not statistics; a track record built on "
                                   "them shows the method, not how good the forecasts really are."),
    "track.empty": ("尚无已定结果的目标。", "No target has a settled outcome yet."),
    "track.scores": ("准确度得分", "Scores"),
    "track.set": ("计分范围", "Pairs scored"),
    "track.set_all": ("全部组合", "Every pair"),
    "track.set_last": ("每个目标最后一次", "Each target's last"),
    "track.set_real": ("仅公开数据的目标", "Targets on published data only"),
    "track.pairs": ("组合数", "Pairs"),
    "track.brier": ("Brier 分数（越低越好）", "Brier score (lower is better)"),
    "track.reference": ("基准：始终以达标比例 {rate} 作为概率",
                        "Reference: always stating the share met, {rate}"),
    "track.reference_short": ("基准 Brier", "Reference Brier"),
    "track.skill": ("技巧分（>0 即优于基准）", "Skill (>0 beats the reference)"),
    "track.skill_none": ("—（结果全部相同，无从比较）",
                         "— (every outcome alike: nothing to compare)"),
    "track.brier_explain": ("Brier 分数是所说概率与实际结果（达标=1，未达标=0）"
                            "之差的平方的平均数；基准是始终以总体达标比例作为概率所得的分数。低于基准，说明概率携带了信息。",
                            "The Brier score is the mean squared difference between the stated "
                            "probability and the outcome (met = 1, missed = 0); the reference is "
                            "the score of always stating the overall share met. Below the "
                            "reference, the probabilities carry information."),
    "track.reliability": ("可靠性：所说概率与实际达标比例",
                          "Reliability: stated probability against share met"),
    "track.stated": ("所说达标概率", "Stated probability of meeting"),
    "track.share_met": ("实际达标比例", "Share met"),
    "track.perfect": ("完全可靠", "Perfectly reliable"),
    "track.observed": ("实际（标注组合数）", "Observed (labelled with pairs)"),
    "track.count": ("组合数", "Pairs"),
    "track.bin": ("概率 {low}–{high}", "Probability {low}–{high}"),
    "track.bin_table": ("概率区间", "Probability bin"),
    "track.mean_stated": ("平均所说概率", "Mean stated"),
    "track.targets": ("各目标的历程", "Each target's course"),
    "track.target": ("目标", "Target"),
    "track.deadline": ("截止", "Deadline"),
    "track.outcome": ("结果", "Outcome"),
    "track.basis": ("依据", "Basis"),
    "track.course": ("历次状态与概率", "Statuses and probabilities"),
    "track.last_stated": ("结果揭晓前最后概率", "Last probability before the outcome"),
    "track.no_probability": ("从未给出概率", "no probability stated"),
    "track.point": ("{day}：{status}，达标概率 {probability}",
                    "{day}: {status}, probability {probability}"),
    "track.as_of_note": ("（结果取自 {day} 的评估）", "(outcomes from the assessment of {day})"),
    "track.page": ("第 {page} / {pages} 页，共 {total} 个目标",
                   "Page {page} of {pages}, {total} targets"),
    "track.previous": ("上一页", "Previous"),
    "track.next": ("下一页", "Next"),
}
