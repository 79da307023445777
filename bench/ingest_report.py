"""What the ingest benchmark prints: progress lines on stderr, and its figures, with the goals
they are held to, as Markdown tables on stdout."""

from __future__ import annotations

import sys
import time
from typing import Any

GOAL_COPY_SHARE = 0.40
GOAL_PEAK_BYTES = 1024 ** 3


def say(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def mib(size: float) -> str:
    return f"{size / 1024 ** 2:,.0f}"


def render(results: dict[str, Any]) -> str:
    """The figures as Markdown tables."""
    runs = results["runs"]
    copies = [r for r in runs if r["kind"] == "copy"]
    into_table = [r for r in copies if "→ observations" in r["label"]]
    baseline = min(into_table, key=lambda r: r["seconds"]) if into_table else None
    bare = min(copies, key=lambda r: r["seconds"]) if copies else None
    lines = [f"rows: {results['rows']:,} ({results['series']:,} series × ≤ 48 months); "
             f"XLSX rows: {results['xlsx_rows']:,}; total run {results['total_seconds']:.0f} s"
             + ("; pandas Copy-on-Write ON" if results.get("copy_on_write") else ""),
             "", "| run | rows | seconds | rows/s | peak RSS MiB | peak RSS before MiB | outcome |",
             "|---|---:|---:|---:|---:|---:|---|"]
    for r in runs:
        outcome = (f"new {r['new']:,}, revised {r['revised']:,}, unchanged {r['unchanged']:,}"
                   if r["kind"] == "ingest" else "baseline" if r is baseline else "")
        lines.append(f"| {r['label']} | {r['rows']:,} | {r['seconds']:.1f} | "
                     f"{r['rows'] / r['seconds']:,.0f} | {mib(r['peak_rss'])} | "
                     f"{mib(r['rss_before']) if 'rss_before' in r else '—'} | {outcome} |")
    first_pg = next((r for r in runs if r["kind"] == "ingest" and r["backend"] == "postgresql"),
                    None)
    if first_pg and baseline and bare:
        ingest_rate = first_pg["rows"] / first_pg["seconds"]
        share = ingest_rate / (baseline["rows"] / baseline["seconds"])
        share_bare = ingest_rate / (bare["rows"] / bare["seconds"])
        peak = first_pg["peak_rss"]
        lines += ["", "| goal | measured | met |", "|---|---:|---|",
                  f"| PostgreSQL ingest ≥ {GOAL_COPY_SHARE:.0%} of bare COPY throughput "
                  f"(baseline: {baseline['label']}) | {share:.1%} | "
                  f"{'yes' if share >= GOAL_COPY_SHARE else 'no'} |",
                  f"| same, against the fastest COPY of all ({bare['label']}) | "
                  f"{share_bare:.1%} | {'yes' if share_bare >= GOAL_COPY_SHARE else 'no'} |",
                  f"| peak RSS of the {results['rows']:,}-row PostgreSQL ingest < 1 GiB | "
                  f"{mib(peak)} MiB | {'yes' if peak < GOAL_PEAK_BYTES else 'no'} |"]
        sqlite = next((r for r in runs if r["kind"] == "ingest" and r["backend"] == "sqlite"
                       and r["label"].startswith("CSV")), None)
        if sqlite:
            lines.append(f"| peak RSS of the {results['rows']:,}-row SQLite ingest < 1 GiB | "
                         f"{mib(sqlite['peak_rss'])} MiB | "
                         f"{'yes' if sqlite['peak_rss'] < GOAL_PEAK_BYTES else 'no'} |")
    phases = results.get("phases")
    if phases:
        columns = [("first", "PostgreSQL, first ingest"), ("revision", "PostgreSQL, revision")]
        if "sqlite_store" in phases:
            columns.append(("sqlite_store", "SQLite, store only"))
        names = list(dict.fromkeys(n for key, _ in columns for n in phases[key]["steps"]))
        lines += ["", "Phases in seconds, each piece of the pipeline called on its own; for the "
                  "first ingest also the process's peak RSS and current RSS (MiB) when the "
                  "phase ended. Where the pipeline streams the rows it inserts (SQLite), this run "
                  "builds them all first to time the two apart, so its RSS from that step on "
                  "can be higher than the pipeline's.", "",
                  "| phase | " + " | ".join(t for _, t in columns)
                  + " | first: peak RSS | first: RSS |", "|---|" + "---:|" * (len(columns) + 2)]
        first = phases["first"]
        for name in names:
            cells = [phases[key]["steps"].get(name) for key, _ in columns]
            memory = [mib(first[k][name]) if name in first[k] else "—" for k in ("peak", "rss")]
            lines.append(f"| {name} | " + " | ".join(
                "—" if c is None else f"{c:.2f}" for c in cells) + " | " + " | ".join(memory)
                + " |")
        sums = [sum(v for n, v in phases[key]["steps"].items() if not n.startswith("validate: "))
                for key, _ in columns]
        lines.append("| **sum of phases** | " + " | ".join(f"**{s:.1f}**" for s in sums)
                     + " | | |")
        lines.append("| outcome | " + " | ".join(
            ", ".join(f"{k} {v:,}" for k, v in phases[key]["changes"].items())
            for key, _ in columns) + " | | |")
        for key, read in phases.get("reads", {}).items():
            what = "GBK CSV" if key == "gbk_path" else "XLSX"
            lines.append(f"\nread_table_file of the {what} ({read['rows']:,} rows): "
                         f"{read['seconds']:.2f} s ({read['rows'] / read['seconds']:,.0f} rows/s)")
    return "\n".join(lines)
