"""Pricing with genai-prices vs a plain price table: 1,000 ledger requests and the estimate.

The app prices chat tokens with genai-prices (maintained data; its matcher finds a model by
name, dated snapshots included) where it once looked the model up in a hand-written table.
Baseline: the same 1,000 requests priced from a dict of per-1M rates (the old table's way),
in the same run. Candidate: `PriceBook.cost` for each (genai-prices, per-unit table for images
and audio). Also: the panel's next-request estimate for a 2,000-token draft, which runs on a
worker thread; its worst time is what a UI thread would have lost had it run there.

    python bench/pricing.py [runs]
"""

from __future__ import annotations

import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playground.model.types import ChatMessage
from playground.usage.pricing import load_price_book
from playground.usage.records import UsageRecord
from playground.usage.tokens import count_prompt

RUNS = 7
MODELS = ("gpt-5.5", "gpt-5.4-mini", "gpt-4o-mini", "gpt-4.1", "o3", "gpt-5.5-2026-04-23")
MILLION = Decimal(1_000_000)


def requests() -> list[UsageRecord]:
    return [UsageRecord("chat", MODELS[i % len(MODELS)], "OpenAI", prompt_tokens=800 + i,
                        completion_tokens=200 + i % 50, cached_tokens=i % 300)
            for i in range(1000)]


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else RUNS
    book = load_price_book()
    records = requests()
    rates = {}
    for model in MODELS:  # the table the baseline reads: rates taken from the same data
        from playground.usage.genai_pricing import token_rates

        rates[model] = token_rates([model]) or {"input": Decimal(1), "output": Decimal(1)}
    for record in records[:20]:
        book.cost(record)  # warm: genai-prices loads its snapshot on first use

    def table() -> float:
        start = time.perf_counter()
        for r in records:
            rate = rates[r.model]
            _ = (r.prompt_tokens * rate["input"] + r.completion_tokens * rate["output"]) / MILLION
        return time.perf_counter() - start

    def maintained() -> float:
        start = time.perf_counter()
        for r in records:
            book.cost(r)
        return time.perf_counter() - start

    base = statistics.median(table() for _ in range(runs))
    cand = statistics.median(maintained() for _ in range(runs))
    draft = [ChatMessage("user", "word " * 2000)]
    estimate_times = []
    for _ in range(runs):
        start = time.perf_counter()
        count = count_prompt("gpt-5.5", draft)
        book.cost(UsageRecord("chat", "gpt-5.5", prompt_tokens=count.tokens,
                              completion_tokens=4096))
        estimate_times.append(time.perf_counter() - start)
    per_request = cand * 1e6 / len(records)
    print(f"pricing: 1,000 requests from a plain table {base * 1000:.2f} ms, with "
          f"genai-prices {cand * 1000:.1f} ms: {cand / base:.0f}x ({per_request:.0f} µs each)")
    first, rest = estimate_times[0], estimate_times[1:]
    print(f"pricing: next-request estimate (2,000-token draft) {statistics.median(rest) * 1000:.1f}"
          f" ms warm, {first * 1000:.0f} ms the first time (vocabulary load); it runs on a worker"
          f" thread, so the UI thread waits 0 ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
