"""The usage ledger: one SQLite row per billed request, in the app's database (WAL).

Money is stored as integer picodollars (10^-12 $), exact for every published price, so SQL
SUM() is exact and index-only. "Today" and "this month" are the user's local calendar days,
converted to UTC bounds before querying, so totals stay right across zones and DST.
"""

from __future__ import annotations

import csv
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path

from playground.usage.records import UsageRecord

PICO = Decimal(10) ** 12

_SCHEMA = """
CREATE TABLE IF NOT EXISTS usage_ledger (
    id INTEGER PRIMARY KEY,
    at_us INTEGER NOT NULL,              -- UTC, microseconds since the epoch
    profile TEXT NOT NULL,
    model TEXT NOT NULL,
    endpoint TEXT NOT NULL,
    prompt_tokens INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    cached_tokens INTEGER NOT NULL DEFAULT 0,
    reasoning_tokens INTEGER NOT NULL DEFAULT 0,
    images INTEGER NOT NULL DEFAULT 0,
    image_size TEXT NOT NULL DEFAULT '',
    image_quality TEXT NOT NULL DEFAULT '',
    characters INTEGER NOT NULL DEFAULT 0,
    audio_seconds REAL NOT NULL DEFAULT 0,
    cost_pico INTEGER,                   -- NULL: the model has no price
    estimated INTEGER NOT NULL DEFAULT 0,
    request_id TEXT,
    conversation_id INTEGER
);
-- Covering indexes: totals read only the index, never the table.
CREATE INDEX IF NOT EXISTS usage_ledger_time ON usage_ledger
    (at_us, cost_pico, prompt_tokens, completion_tokens, estimated);
CREATE INDEX IF NOT EXISTS usage_ledger_profile_time ON usage_ledger
    (profile, at_us, cost_pico, prompt_tokens, completion_tokens, estimated);
CREATE INDEX IF NOT EXISTS usage_ledger_conversation ON usage_ledger
    (conversation_id, cost_pico, prompt_tokens, completion_tokens, estimated);
"""

_TOTALS = ("SELECT COUNT(*), COALESCE(SUM(cost_pico), 0), "
           "COALESCE(SUM(prompt_tokens + completion_tokens), 0), "
           "COALESCE(SUM(cost_pico IS NULL), 0), COALESCE(SUM(estimated), 0) FROM usage_ledger ")

CSV_COLUMNS = ("time_utc", "profile", "model", "endpoint", "prompt_tokens", "completion_tokens",
               "cached_tokens", "reasoning_tokens", "images", "image_size", "image_quality",
               "characters", "audio_seconds", "cost_usd", "estimated", "request_id",
               "conversation_id")


@dataclass(frozen=True)
class Spend:
    cost: Decimal = Decimal(0)
    requests: int = 0
    tokens: int = 0
    unpriced: int = 0  # requests whose model has no price (not in `cost`)
    estimated: int = 0  # requests counted locally: the server sent no usage


@dataclass(frozen=True)
class DaySpend:
    day: date  # local calendar day
    model: str
    cost: Decimal


def to_pico(cost: Decimal) -> int:
    return int((cost * PICO).to_integral_value(rounding=ROUND_HALF_EVEN))


def from_pico(pico: int) -> Decimal:
    return Decimal(pico) / PICO


def local_midnight(day: date, tz: tzinfo | None) -> datetime:
    """Start of a local calendar day as an aware datetime; tz None = the system's zone rules."""
    if tz is None:
        return datetime(day.year, day.month, day.day).astimezone()  # mktime: DST-aware
    return datetime(day.year, day.month, day.day, tzinfo=tz)


def local_date(moment: datetime, tz: tzinfo | None) -> date:
    return (moment.astimezone(tz) if tz is not None else moment.astimezone()).date()


def day_start(now: datetime, tz: tzinfo | None) -> datetime:
    return local_midnight(local_date(now, tz), tz)


def month_start(now: datetime, tz: tzinfo | None) -> datetime:
    return local_midnight(local_date(now, tz).replace(day=1), tz)


def day_bounds(now: datetime, tz: tzinfo | None) -> tuple[datetime, datetime]:
    day = local_date(now, tz)
    return local_midnight(day, tz), local_midnight(day + timedelta(days=1), tz)


def month_bounds(now: datetime, tz: tzinfo | None) -> tuple[datetime, datetime]:
    first = local_date(now, tz).replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return local_midnight(first, tz), local_midnight(following, tz)


def _us(moment: datetime) -> int:
    delta = moment.astimezone(UTC) - datetime(1970, 1, 1, tzinfo=UTC)
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


class UsageLedger:
    """Not thread-safe: use from one thread at a time (UsageService keeps it on its worker)."""

    def __init__(self, path: Path | str, tz: tzinfo | None = None) -> None:
        self.tz = tz
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA busy_timeout=5000")  # history writes share the file
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        self._db.close()

    def add(self, record: UsageRecord, cost: Decimal | None) -> int:
        cursor = self._db.execute(
            "INSERT INTO usage_ledger (at_us, profile, model, endpoint, prompt_tokens,"
            " completion_tokens, cached_tokens, reasoning_tokens, images, image_size,"
            " image_quality, characters, audio_seconds, cost_pico, estimated, request_id,"
            " conversation_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (_us(record.at), record.profile, record.model, record.endpoint,
             record.prompt_tokens, record.completion_tokens, record.cached_tokens,
             record.reasoning_tokens, record.images, record.image_size, record.image_quality,
             record.characters, record.audio_seconds,
             None if cost is None else to_pico(cost), int(record.estimated),
             record.request_id, record.conversation_id))
        return int(cursor.lastrowid or 0)

    def add_many(self, rows: list[tuple[UsageRecord, Decimal | None]]) -> None:
        """Bulk insert in one transaction (imports, benchmarks)."""
        self._db.execute("BEGIN")
        try:
            for record, cost in rows:
                self.add(record, cost)
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # ---- totals ---------------------------------------------------------------------------

    def conversation_total(self, conversation_id: int) -> Spend:
        return self._spend(_TOTALS + "WHERE conversation_id = ?", (conversation_id,))

    def total_since(self, start: datetime, profile: str | None = None,
                    end: datetime | None = None) -> Spend:
        end_us = _us(end) if end is not None else 2**62
        if profile is None:
            return self._spend(_TOTALS + "WHERE at_us >= ? AND at_us < ?", (_us(start), end_us))
        return self._spend(_TOTALS + "WHERE profile = ? AND at_us >= ? AND at_us < ?",
                           (profile, _us(start), end_us))

    def today(self, now: datetime | None = None, profile: str | None = None) -> Spend:
        start, end = day_bounds(now or datetime.now(UTC), self.tz)
        return self.total_since(start, profile, end)

    def this_month(self, now: datetime | None = None, profile: str | None = None) -> Spend:
        start, end = month_bounds(now or datetime.now(UTC), self.tz)
        return self.total_since(start, profile, end)

    def day_start(self, now: datetime | None = None) -> datetime:
        return day_start(now or datetime.now(UTC), self.tz)

    def month_start(self, now: datetime | None = None) -> datetime:
        return month_start(now or datetime.now(UTC), self.tz)

    def daily_spend(self, days: int = 30, now: datetime | None = None) -> list[DaySpend]:
        """Spend per local day and model over the last `days` days (today included)."""
        first = local_date(now or datetime.now(UTC), self.tz) - timedelta(days=days - 1)
        start = local_midnight(first, self.tz)
        buckets: dict[tuple[date, str], int] = defaultdict(int)
        for at_us, model, pico in self._db.execute(
                "SELECT at_us, model, cost_pico FROM usage_ledger"
                " WHERE at_us >= ? AND cost_pico IS NOT NULL", (_us(start),)):
            moment = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(microseconds=at_us)
            buckets[(local_date(moment, self.tz), model)] += pico
        return [DaySpend(day, model, from_pico(pico))
                for (day, model), pico in sorted(buckets.items())]

    def export_csv(self, path: Path | str) -> int:
        """Every request, oldest first; returns the number of rows written."""
        count = 0
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(CSV_COLUMNS)
            for row in self._db.execute(
                    "SELECT at_us, profile, model, endpoint, prompt_tokens, completion_tokens,"
                    " cached_tokens, reasoning_tokens, images, image_size, image_quality,"
                    " characters, audio_seconds, cost_pico, estimated, request_id,"
                    " conversation_id FROM usage_ledger ORDER BY at_us, id"):
                at = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(microseconds=row[0])
                cost = "" if row[13] is None else f"{from_pico(row[13]):f}"
                writer.writerow([at.isoformat(), *row[1:13], cost, row[14],
                                 row[15] or "", "" if row[16] is None else row[16]])
                count += 1
        return count

    def _spend(self, sql: str, params: tuple[object, ...]) -> Spend:
        requests, pico, tokens, unpriced, estimated = self._db.execute(sql, params).fetchone()
        return Spend(from_pico(pico), requests, tokens, unpriced, estimated)
