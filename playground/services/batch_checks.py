"""Checks of a batch row's output, chosen per run: contains, regex, valid JSON against a
schema, equals a column. Each is compiled once before the run (a bad regex or schema is
reported before anything is sent) and tells, per row, why it failed."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication

from playground.model.batch import BatchCheck, CheckKind
from playground.services.request_checks import check_schema


def _tr(text: str) -> str:
    return QCoreApplication.translate("BatchChecks", text)


class CheckProblem(ValueError):
    """A check that cannot run as typed (bad regex, bad schema, unknown column)."""


# (output, row) -> "" when it passes, else one line saying why it failed.
Judge = Callable[[str, Mapping[str, str]], str]


@dataclass(frozen=True)
class CompiledCheck:
    check: BatchCheck
    judge: Judge


def describe(check: BatchCheck) -> str:
    """The check in a few words, for headers and exported files."""
    kind = {CheckKind.CONTAINS: _tr("contains"), CheckKind.REGEX: _tr("matches"),
            CheckKind.JSON_SCHEMA: _tr("valid JSON for the schema"),
            CheckKind.EQUALS_COLUMN: _tr("equals column")}[check.kind]
    return kind if check.kind == CheckKind.JSON_SCHEMA else f"{kind} {check.value}"


def compile_checks(checks: Sequence[BatchCheck], columns: Sequence[str]) -> list[CompiledCheck]:
    """Raise CheckProblem for the first check that cannot run; else the runnable checks."""
    return [CompiledCheck(check, _judge(check, columns)) for check in checks]


def columns_needed(checks: Sequence[BatchCheck]) -> list[str]:
    return [c.value for c in checks if c.kind == CheckKind.EQUALS_COLUMN]


def _judge(check: BatchCheck, columns: Sequence[str]) -> Judge:
    value = check.value
    if check.kind == CheckKind.CONTAINS:
        if not value:
            raise CheckProblem(_tr("The \"contains\" check needs the text to look for."))
        return lambda out, _row: "" if value in out else _tr("does not contain \"%1\"")\
            .replace("%1", value)
    if check.kind == CheckKind.REGEX:
        try:
            pattern = re.compile(value)
        except re.error as exc:
            raise CheckProblem(_tr("The regular expression %1 is not valid: %2 (at position "
                                   "%3).").replace("%1", value).replace("%2", exc.msg)
                               .replace("%3", str(exc.pos))) from exc
        return lambda out, _row: "" if pattern.search(out) else _tr("does not match %1")\
            .replace("%1", value)
    if check.kind == CheckKind.JSON_SCHEMA:
        return _schema_judge(value)
    if check.kind == CheckKind.EQUALS_COLUMN:
        if value not in columns:
            raise CheckProblem(_tr("The \"equals column\" check names %1, which the rows do not "
                                   "have. Their columns: %2.").replace("%1", value or "-")
                               .replace("%2", ", ".join(columns)))

        def equals(out: str, row: Mapping[str, str]) -> str:
            expected = row.get(value, "")
            return "" if out.strip() == expected.strip() else _tr(
                "differs from %1 (\"%2\")").replace("%1", value).replace("%2", expected)
        return equals
    raise CheckProblem(_tr("Unknown check: %1").replace("%1", str(check.kind)))


def _schema_judge(text: str) -> Judge:
    checked = check_schema(text, strict=False)
    if not checked.ok:
        raise CheckProblem(checked.problem)
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(checked.value)

    def judge(out: str, _row: Mapping[str, str]) -> str:
        try:
            document: Any = json.loads(out)
        except json.JSONDecodeError as exc:
            return _tr("not valid JSON: %1 (line %2, column %3)").replace("%1", exc.msg)\
                .replace("%2", str(exc.lineno)).replace("%3", str(exc.colno))
        error = next(iter(validator.iter_errors(document)), None)
        if error is None:
            return ""
        where = "/".join(str(p) for p in error.absolute_path) or "(top)"
        return _tr("does not match the schema at %1: %2").replace("%1", where)\
            .replace("%2", error.message)
    return judge


def judge_row(checks: Sequence[CompiledCheck], output: str,
              row: Mapping[str, str]) -> tuple[bool | None, list[str]]:
    """(passed, why not): passed is None when the run has no checks."""
    if not checks:
        return None, []
    problems = [p for c in checks if (p := c.judge(output, row))]
    return not problems, problems
