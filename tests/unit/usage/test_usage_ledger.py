"""Ledger totals by local calendar day and month, in several time zones, and CSV export."""

from __future__ import annotations

import csv
import os
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from playground.usage.ledger import UsageLedger
from playground.usage.records import UsageRecord

SHANGHAI = ZoneInfo("Asia/Shanghai")
NEW_YORK = ZoneInfo("America/New_York")


def record(at: datetime, cost_model: str = "gpt-4o", profile: str = "OpenAI",
           conversation: int | None = None, tokens: int = 100) -> UsageRecord:
    return UsageRecord("chat", cost_model, profile, prompt_tokens=tokens, completion_tokens=0,
                       conversation_id=conversation, at=at)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "playground.sqlite3"


def test_today_follows_the_local_day_not_utc(db: Path) -> None:
    ledger = UsageLedger(db, tz=SHANGHAI)
    # 2026-03-01 00:30 in Shanghai is still 2026-02-28 in UTC.
    now = datetime(2026, 3, 1, 0, 30, tzinfo=SHANGHAI)
    ledger.add(record(datetime(2026, 2, 28, 16, 10, tzinfo=UTC)), Decimal("1"))  # 00:10 local
    ledger.add(record(datetime(2026, 2, 28, 15, 50, tzinfo=UTC)), Decimal("2"))  # 23:50 Feb 28
    ledger.add(record(datetime(2026, 2, 1, 0, 0, tzinfo=SHANGHAI)), Decimal("4"))
    assert ledger.today(now).cost == 1
    assert ledger.this_month(now).cost == 1  # March began 30 minutes ago
    assert ledger.this_month(datetime(2026, 2, 28, 23, 0, tzinfo=SHANGHAI)).cost == 6
    assert ledger.today(datetime(2026, 2, 28, 23, 59, tzinfo=SHANGHAI)).cost == 2


def test_same_rows_split_differently_in_another_zone(db: Path) -> None:
    moment = datetime(2026, 7, 1, 2, 0, tzinfo=UTC)  # June 30 22:00 in New York
    for tz, today, june in ((NEW_YORK, 1, 1), (SHANGHAI, 1, 0), (UTC, 1, 0)):
        ledger = UsageLedger(db, tz=tz)
        if tz is NEW_YORK:
            ledger.add(record(moment), Decimal("1"))
        now = moment + timedelta(minutes=30)
        assert ledger.today(now).cost == today
        june_end = datetime(2026, 6, 30, 12, 0, tzinfo=tz)
        assert ledger.this_month(june_end).cost == june


def test_day_across_dst_change_has_23_hours(db: Path) -> None:
    ledger = UsageLedger(db, tz=NEW_YORK)
    # 2026-03-08: clocks jump from 02:00 to 03:00 in New York.
    ledger.add(record(datetime(2026, 3, 8, 0, 30, tzinfo=NEW_YORK)), Decimal("1"))
    ledger.add(record(datetime(2026, 3, 7, 23, 30, tzinfo=NEW_YORK)), Decimal("2"))
    assert ledger.today(datetime(2026, 3, 8, 23, 0, tzinfo=NEW_YORK)).cost == 1


@pytest.fixture
def system_zone() -> Iterator[None]:
    previous = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Kolkata"
    time.tzset()
    yield
    if previous is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = previous
    time.tzset()


def test_default_zone_is_the_system_local_zone(db: Path, system_zone: None) -> None:
    ledger = UsageLedger(db)  # tz=None: the system's zone (here UTC+05:30)
    ledger.add(record(datetime(2026, 5, 31, 19, 0, tzinfo=UTC)), Decimal("3"))  # Jun 1 00:30
    assert ledger.today(datetime(2026, 5, 31, 20, 0, tzinfo=UTC)).cost == 3
    assert ledger.this_month(datetime(2026, 5, 31, 20, 0, tzinfo=UTC)).requests == 1


def test_totals_per_profile_conversation_and_unpriced(db: Path) -> None:
    ledger = UsageLedger(db, tz=UTC)
    now = datetime(2026, 4, 10, 12, tzinfo=UTC)
    ledger.add(record(now, profile="OpenAI", conversation=7), Decimal("0.5"))
    ledger.add(record(now, "llama3", profile="Local", conversation=7), None)
    estimated = record(now, conversation=8)
    estimated.estimated = True
    ledger.add(estimated, Decimal("0.25"))
    assert ledger.today(now, "OpenAI").cost == Decimal("0.75")
    local = ledger.today(now, "Local")
    assert (local.cost, local.requests, local.unpriced) == (0, 1, 1)
    conversation = ledger.conversation_total(7)
    assert (conversation.cost, conversation.requests, conversation.tokens) == (Decimal("0.5"), 2,
                                                                               200)
    assert ledger.today(now).estimated == 1


def test_tiny_costs_sum_exactly(db: Path) -> None:
    ledger = UsageLedger(db, tz=UTC)
    now = datetime(2026, 4, 10, 12, tzinfo=UTC)
    ledger.add_many([(record(now), Decimal("0.000000075"))] * 1000)
    assert ledger.today(now).cost == Decimal("0.000075")


def test_daily_spend_by_model_for_30_days(db: Path) -> None:
    ledger = UsageLedger(db, tz=SHANGHAI)
    now = datetime(2026, 4, 30, 12, tzinfo=SHANGHAI)
    ledger.add(record(now, "gpt-4o"), Decimal("1"))
    ledger.add(record(now - timedelta(hours=1), "gpt-4o"), Decimal("2"))
    ledger.add(record(now - timedelta(days=1), "o3"), Decimal("4"))
    ledger.add(record(now - timedelta(days=40), "o3"), Decimal("8"))  # too old
    days = ledger.daily_spend(30, now)
    assert [(d.day, d.model, d.cost) for d in days] == [
        (date(2026, 4, 29), "o3", Decimal(4)), (date(2026, 4, 30), "gpt-4o", Decimal(3))]


def test_csv_export(db: Path, tmp_path: Path) -> None:
    ledger = UsageLedger(db, tz=UTC)
    at = datetime(2026, 4, 10, 12, tzinfo=UTC)
    rec = record(at, conversation=3)
    rec.request_id = "req_123"
    ledger.add(rec, Decimal("0.00725"))
    ledger.add(record(at + timedelta(seconds=1), "llama3"), None)
    out = tmp_path / "usage.csv"
    assert ledger.export_csv(out) == 2
    with out.open(encoding="utf-8") as written:
        rows = list(csv.DictReader(written))
    assert rows[0]["time_utc"] == "2026-04-10T12:00:00+00:00"
    assert (rows[0]["cost_usd"], rows[0]["request_id"], rows[0]["conversation_id"]) == (
        "0.00725", "req_123", "3")
    assert rows[1]["cost_usd"] == "" and rows[1]["model"] == "llama3"


def test_totals_use_the_indexes(db: Path) -> None:
    ledger = UsageLedger(db)
    plan = " ".join(str(row) for row in ledger._db.execute(
        "EXPLAIN QUERY PLAN SELECT SUM(cost_pico) FROM usage_ledger"
        " WHERE profile = ? AND at_us >= ?", ("OpenAI", 0)))
    assert "COVERING INDEX usage_ledger_profile_time" in plan
