"""Rows of variables for a batch run, from CSV (header row = names) or JSONL (one object a
line). Every problem is one sentence naming the line, found before anything is sent.

Values are text, as a prompt uses them: JSONL numbers, booleans, lists and objects become
their JSON text, null becomes "".
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication

MAX_LISTED = 5  # rows named in a message before "and N more"


def _tr(text: str) -> str:
    return QCoreApplication.translate("BatchRows", text)


class RowsError(ValueError):
    """The rows cannot be used as they are; the message says where and why."""


@dataclass
class Rows:
    columns: list[str]  # variable names, in file order
    values: list[dict[str, str]]  # one dict per row; a key absent when the row lacks it
    lines: list[int] = field(default_factory=list)  # the line each row starts (or ends) on

    def __len__(self) -> int:
        return len(self.values)


def read_rows(path: Path | str) -> Rows:
    """The rows in a .csv or .jsonl file (others: JSONL if it starts with '{', else CSV)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RowsError(_tr("Cannot read %1: %2").replace("%1", str(path))
                        .replace("%2", exc.strerror or str(exc))) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RowsError(_tr("%1 is not UTF-8 text (byte %2). Save it as UTF-8 and try again.")
                        .replace("%1", path.name).replace("%2", str(exc.start))) from exc
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson") or (suffix != ".csv" and text.lstrip().startswith("{")):
        return parse_jsonl(text)
    return parse_csv(text)


def parse_csv(text: str) -> Rows:
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise RowsError(_tr("The file is empty: it needs a header row of variable names and "
                            "one row per run."))
    # strict: a stray quote is reported, not allowed to swallow the rest of the file.
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1  # the line the record being read starts on (a quoted value may span lines)
    try:
        header = next(reader)
        columns = [name.strip() for name in header]
        _check_header(columns)
        values: list[dict[str, str]] = []
        lines: list[int] = []
        width = len(columns)
        while True:
            start = reader.line_num + 1
            record = next(reader, None)
            if record is None:
                break
            if not record or (len(record) == 1 and not record[0].strip()):
                continue  # a blank line
            if len(record) > width:
                raise RowsError(_tr("Line %1 has %2 values but the header names %3 columns.")
                                .replace("%1", str(start))
                                .replace("%2", str(len(record))).replace("%3", str(width)))
            # A short record lacks the last columns (reported if the prompt uses them).
            values.append(dict(zip(columns, record, strict=False)))
            lines.append(start)
    except csv.Error as exc:
        raise RowsError(_tr("Line %1 is not valid CSV: %2").replace(
            "%1", str(start)).replace("%2", str(exc))) from exc
    if not values:
        raise RowsError(_tr("The file has a header row but no rows to run."))
    return Rows(columns, values, lines)


def _check_header(columns: list[str]) -> None:
    blank = [str(i + 1) for i, name in enumerate(columns) if not name]
    if blank:
        raise RowsError(_tr("The header row has no name for column %1.")
                        .replace("%1", ", ".join(blank)))
    twice = [name for i, name in enumerate(columns) if name in columns[:i]]
    if twice:
        raise RowsError(_tr("The header row names a column more than once: %1.")
                        .replace("%1", ", ".join(dict.fromkeys(twice))))


def parse_jsonl(text: str) -> Rows:
    text = text.removeprefix("\ufeff")
    columns: dict[str, None] = {}
    values: list[dict[str, str]] = []
    lines: list[int] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise RowsError(_tr("Line %1 is not valid JSON: %2 (column %3).")
                            .replace("%1", str(number)).replace("%2", exc.msg)
                            .replace("%3", str(exc.colno))) from exc
        if not isinstance(item, dict):
            raise RowsError(_tr("Line %1 is not a JSON object: each line must be one object "
                                "of variable names and values, like {\"city\": \"Paris\"}.")
                            .replace("%1", str(number)))
        row = {str(k): _text(v) for k, v in item.items()}
        for name in row:
            columns.setdefault(name, None)
        values.append(row)
        lines.append(number)
    if not values:
        raise RowsError(_tr("The file is empty: it needs one JSON object per line."))
    return Rows(list(columns), values, lines)


def _text(value: object) -> str:
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    return json.dumps(value, ensure_ascii=False)


def check_rows(rows: Rows, names: Sequence[str], *, also: Sequence[str] = ()) -> None:
    """Raise RowsError unless every row supplies every variable the prompt uses.

    Columns the file lacks altogether are named all at once; otherwise the rows lacking a
    value are named (the first few, then how many more). `also`: columns other features
    need (a check comparing with a column).
    """
    wanted = list(dict.fromkeys([*names, *also]))
    absent = [name for name in wanted if name not in rows.columns]
    if absent:
        raise RowsError(_tr("The file has no column for %1 (the prompt or a check uses it). "
                            "Its columns: %2.").replace("%1", ", ".join(absent))
                        .replace("%2", ", ".join(rows.columns) or "-"))
    lacking: list[str] = []
    count = 0
    for index, row in enumerate(rows.values):
        gaps = [name for name in wanted if name not in row]
        if gaps:
            count += 1
            if len(lacking) < MAX_LISTED:
                lacking.append(_tr("line %1 lacks %2").replace("%1", str(rows.lines[index]))
                               .replace("%2", ", ".join(gaps)))
    if lacking:
        more = count - len(lacking)
        text = "; ".join(lacking)
        if more:
            text += _tr(" and %1 more rows").replace("%1", str(more))
        raise RowsError(_tr("Some rows lack a variable the prompt uses: %1.").replace("%1", text))
