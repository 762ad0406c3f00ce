"""Ledger totals stay index-backed: today's + this month's totals with 100,000 older requests
in the ledger vs the same with 1,000 (target ratio ≤ 2×).

Both ledgers also hold the same 300 requests this month (50 of them today), so the work that
must be done is equal; only the history that must be skipped differs.

    python bench/ledger.py [runs]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playground.usage.ledger import UsageLedger
from playground.usage.records import UsageRecord

RUNS = 7
QUERIES_PER_RUN = 200


def build(path: Path, older: int, now: datetime) -> UsageLedger:
    ledger = UsageLedger(path)
    month_start = ledger.month_start(now)
    rows = [(UsageRecord("chat", "gpt-4o", "OpenAI", prompt_tokens=1000, completion_tokens=200,
                         at=month_start - timedelta(minutes=5 + i)), Decimal("0.0045"))
            for i in range(older)]
    rows += [(UsageRecord("chat", "gpt-4o-mini", "OpenAI", prompt_tokens=800,
                          at=now - timedelta(minutes=i)), Decimal("0.00012")) for i in range(50)]
    # the other 250 this month: between the month's start and today's start
    day_start = ledger.day_start(now)
    span = max((day_start - month_start).total_seconds(), 1.0)
    rows += [(UsageRecord("chat", "o3", "OpenAI", prompt_tokens=500,
                          at=month_start + timedelta(seconds=span * i / 250)), Decimal("0.001"))
             for i in range(250)]
    ledger.add_many(rows)
    # Old history has long been checkpointed into the main file in real use; a fresh 100k-row
    # WAL would make every page read search the WAL index instead.
    ledger._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return ledger


def time_totals(ledger: UsageLedger, now: datetime) -> float:
    """Seconds per (today + this month) pair of totals, median over RUNS batches."""
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        for _ in range(QUERIES_PER_RUN):
            ledger.today(now, "OpenAI")
            ledger.this_month(now, "OpenAI")
        samples.append((time.perf_counter() - start) / QUERIES_PER_RUN)
    return statistics.median(samples)


def main() -> None:
    global RUNS
    if len(sys.argv) > 1:
        RUNS = int(sys.argv[1])
    now = datetime.now(UTC)
    with tempfile.TemporaryDirectory() as folder:
        small = build(Path(folder) / "small.sqlite3", 1_000, now)
        large = build(Path(folder) / "large.sqlite3", 100_000, now)
        assert small.this_month(now) == large.this_month(now)  # the same work to do
        base = time_totals(small, now)
        big = time_totals(large, now)
        small.close()
        large.close()
    print(f"today+month totals, 1,000 older rows:   {base * 1e3:.3f} ms")
    print(f"today+month totals, 100,000 older rows: {big * 1e3:.3f} ms")
    print(f"ratio: {big / base:.2f}x (target <= 2x)")


if __name__ == "__main__":
    main()
