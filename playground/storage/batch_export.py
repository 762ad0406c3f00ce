"""A batch run's results as CSV: the row's variables, then per template its output, tokens,
cost, seconds, pass and why not. UTF-8 with a BOM, so spreadsheet apps read 中文 right.
Blocks: call it with asyncio.to_thread."""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from pathlib import Path

from playground.model.batch import BatchTemplate, RowResult, RowStatus
from playground.storage.batch_rows import Rows

FIELDS = ("output", "error", "prompt_tokens", "completion_tokens", "cost_usd", "seconds",
          "passed", "problems")


def export_results(path: Path | str, rows: Rows, templates: Sequence[BatchTemplate],
                   results: Mapping[tuple[int, int], RowResult]) -> int:
    """Write the CSV; returns the number of rows written. Raises OSError."""
    prefixes = [f"{t.label}." if len(templates) > 1 else "" for t in templates]
    header = [*rows.columns] + [p + name for p in prefixes for name in FIELDS]
    with open(path, "w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        for index, values in enumerate(rows.values):
            line = [values.get(name, "") for name in rows.columns]
            for variant in range(len(templates)):
                line.extend(_cells(results.get((variant, index))))
            writer.writerow(line)
    return len(rows.values)


def _cells(result: RowResult | None) -> list[str]:
    if result is None:
        return [""] * len(FIELDS)
    failed = result.status == RowStatus.ERROR
    return [
        result.output, result.error,
        "" if failed else str(result.prompt_tokens),
        "" if failed else str(result.completion_tokens),
        result.cost or "", f"{result.seconds:.3f}",
        "" if result.passed is None else ("pass" if result.passed else "fail"),
        "; ".join(result.problems),
    ]
