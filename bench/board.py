"""Board and pages under load (issue 13): 2,000 targets with 20 years of annual figures,
eleven assessment runs and a forecast run, served by uvicorn on loopback and read by a
concurrent client.

    PYTHONPATH=. .venv/bin/python bench/board.py [--db sqlite|postgresql|both]
        [--targets 2000] [--years 20] [--retrospective 10] [--requests 200]
        [--concurrency 8] [--max-seconds 60] [--cold 5] [--workers 1] [--rebuild]
        [--no-goal]
        [--profile URL]

The database is built by `bench/board_data.py` (cached under var/bench/ for SQLite; the
PostgreSQL schema is a copy of it, dropped afterwards). For each database this serves the
app, signs in (the login form when there is one, else the API token), and times, after
one warm-up request each, `--requests` GETs `--concurrency` at a time (none started after
`--max-seconds`) of: /healthz (the baseline, same client, same run), the board (/), the
board of one region, three target pages and the track record. It prints p50/p95/max and
the body size per URL and each p95's ratio to the baseline's. A page that answers 404 is
"missing" (not landed yet). Exit status 1 when a page's p95 reaches --goal-ms (300) unless
--no-goal. The pages are cached until the next write (`service.web.page_cache`), so these
are warm figures; then `--cold` rounds per page of a write followed by `--concurrency`
requests at once time the first requests after a write (`bench/board_cold.py`; not held
to the goal).
`--profile URL` instead runs that URL once in-process under cProfile and prints where the
time goes and the SQL statements it ran (`bench/board_profile.py`).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# bench/ goes after the repository's packages: Python puts a script's folder first, and
# there bench/ingest.py would hide the `ingest` package that service.schema imports.
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE] + [str(HERE)]

import board_client  # noqa: E402  (bench/ is no package: these are its siblings)
import board_cold  # noqa: E402
import board_data  # noqa: E402
import board_profile  # noqa: E402
import httpx2  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from indicators.tables.catalogue import Target  # noqa: E402
from service.db import make_engine  # noqa: E402

TARGET_KEYS = 3


def page_urls(url: str) -> list[tuple[str, str]]:
    """(label, path) of every URL timed, the baseline first: the region with the most
    targets, and the target pages of the three series with most targets' kinds apart."""
    engine = make_engine(url)
    with engine.connect() as connection:
        region = connection.execute(
            select(Target.region_code).group_by(Target.region_code)
            .order_by(func.count().desc(), Target.region_code).limit(1)).scalar_one()
        keys = list(connection.execute(
            select(func.min(Target.key)).group_by(Target.kind)
            .order_by(func.count().desc()).limit(TARGET_KEYS)).scalars())
    engine.dispose()
    return [("baseline /healthz", "/healthz"), ("board", "/"),
            ("board, one region", f"/?region={region}"),
            *[(f"target page ({k})", f"/targets/{k}") for k in keys],
            ("track record", "/track-record")]


def run(label: str, built: board_data.Built, args: argparse.Namespace
        ) -> list[board_client.Timing]:
    """Serve `built`, sign in and time every URL, printing each line as it is measured."""
    urls, timings = page_urls(built.url), []
    with board_client.serving(built.url, args.workers) as base:
        client, how = board_client.signed_in(base, board_data.USER, board_data.PASSWORD,
                                             built.token)
        print(f"\n{label}: {args.requests} requests per URL, {args.concurrency} at a time, "
              f"{args.workers} uvicorn worker(s), signed in with a {how}")
        print(f"{'URL':<44} {'status':>7} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} "
              f"{'KiB':>8} {'p95/base':>9}", flush=True)
        try:
            for name, path in urls:
                timings.append(board_client.measure(
                    client, name, path, requests=args.requests, concurrency=args.concurrency,
                    max_seconds=args.max_seconds))
                print_line(timings[-1], timings[0].quantile(0.95))
            if args.cold:
                cold(client, built.url, urls[1:], args, timings[0].quantile(0.95))
        finally:
            client.close()
    return timings


def cold(client: httpx2.Client, url: str, urls: list[tuple[str, str]],
         args: argparse.Namespace, baseline: float) -> None:
    """Time the first requests after a write, `args.cold` rounds per URL."""
    print(f"cold: {args.cold} rounds per URL of a write then {args.concurrency} requests "
          "at once", flush=True)
    engine = make_engine(url)
    try:
        for name, path in urls:
            print_line(board_cold.measure_cold(client, engine, name, path, rounds=args.cold,
                                               concurrency=args.concurrency), baseline)
    finally:
        engine.dispose()


def print_line(t: board_client.Timing, baseline: float) -> None:
    if t.missing:
        print(f"{t.url:<44} {'missing':>7}", flush=True)
        return
    p95 = t.quantile(0.95)
    print(f"{t.url[:44]:<44} {t.status:>7} {len(t.millis):>5} {t.quantile(0.5):8.1f} "
          f"{p95:8.1f} {max(t.millis):8.1f} {t.size / 1024:8.1f} {p95 / baseline:8.1f}×",
          flush=True)


@contextmanager
def databases(args: argparse.Namespace) -> Iterator[list[tuple[str, board_data.Built]]]:
    """The databases asked for: the cached SQLite file, and its PostgreSQL copy."""
    params = board_data.Params(targets=args.targets, years=args.years,
                               retrospective=args.retrospective)
    sqlite = board_data.sqlite_database(params, rebuild=args.rebuild)
    _describe("SQLite", sqlite)
    chosen = [("SQLite", sqlite)] if args.db in ("sqlite", "both") else []
    if args.db == "sqlite":
        yield chosen
        return
    with board_data.postgres_database(sqlite) as postgres:
        _describe("PostgreSQL", postgres)
        yield [*chosen, ("PostgreSQL", postgres)]


def _describe(label: str, built: board_data.Built) -> None:
    if built.seconds:
        spent = ", ".join(f"{k} {v:.1f} s" for k, v in built.seconds.items())
        print(f"{label} built: {spent}; {json.dumps(built.counts)}")
    else:
        print(f"{label}: cached {built.url}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--targets", type=int, default=2000)
    parser.add_argument("--years", type=int, default=20)
    parser.add_argument("--retrospective", type=int, default=10)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--max-seconds", type=float, default=60.0,
                        help="start no request for a URL after this many seconds")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--cold", type=int, default=5, metavar="ROUNDS",
                        help="rounds per URL of a write then --concurrency requests (0: none)")
    parser.add_argument("--goal-ms", type=float, default=300.0)
    parser.add_argument("--no-goal", action="store_true")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached SQLite file")
    parser.add_argument("--profile", metavar="URL", help="profile one URL in-process")
    args = parser.parse_args()
    over: list[str] = []
    with databases(args) as chosen:
        for label, built in chosen:
            if args.profile:
                board_profile.profile(built, args.profile, label=label)
                continue
            over += [f"{label} {t.url}: status {t.status}, p95 {t.quantile(0.95):.0f} ms"
                     for t in run(label, built, args)[1:]
                     if not t.missing and (t.status != 200
                                           or t.quantile(0.95) >= args.goal_ms)]
    if over:
        print(f"\nNot answered 200 with a p95 under {args.goal_ms:.0f} ms:\n  "
              + "\n  ".join(over))
    return 1 if over and not args.no_goal else 0


if __name__ == "__main__":
    sys.exit(main())
