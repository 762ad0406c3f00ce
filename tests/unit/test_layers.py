"""The layer rules of DESIGN.md, checked on the source: only ui/ imports QtWidgets/QtGui, only
api/ imports openai (import-linter checks the package graph; this catches module-level
names it cannot express, and lazy imports inside functions too)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "playground"


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


SOURCES = sorted(ROOT.rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_layer_boundaries(path: Path) -> None:
    relative = path.relative_to(ROOT).parts
    imported = _imports(path)
    if relative[0] != "ui":
        widgets = {n for n in imported if n.startswith(("PySide6.QtWidgets", "PySide6.QtGui"))}
        assert not widgets, f"only playground/ui may import QtWidgets/QtGui: {widgets}"
    if relative[0] == "model":
        foreign = {n for n in imported if n.split(".")[0] == "PySide6"
                   or (n.startswith("playground.") and not n.startswith("playground.model"))}
        assert not foreign, f"playground/model holds plain types only: {foreign}"
    if relative[0] != "api":
        sdk = {n for n in imported if n.split(".")[0] in ("openai", "httpx2", "httpx")}
        assert not sdk, f"only playground/api may import the SDK: {sdk}"


def test_the_scan_sees_the_tree() -> None:
    assert len(SOURCES) > 20
    assert any("PySide6.QtWidgets" in _imports(p) for p in SOURCES)
