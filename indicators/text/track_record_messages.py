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
}
