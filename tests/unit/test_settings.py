"""Every setting is declared once, in playground/settings.py, and read through typed access."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from playground import settings as prefs
from playground.settings import Setting, Settings

ROOT = Path(__file__).resolve().parents[2] / "playground"


def test_no_module_but_settings_declares_a_setting() -> None:
    elsewhere = []
    for path in ROOT.rglob("*.py"):
        if path.name == "settings.py" and path.parent == ROOT:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "declare"):
                elsewhere.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not elsewhere


def test_values_come_back_with_their_declared_type() -> None:
    settings = Settings()
    settings.put(prefs.SPEECH_SPEED, 9.0)  # clamped to the declared maximum
    assert settings.value(prefs.SPEECH_SPEED) == 4.0
    settings.raw().setValue(prefs.SEND_ON_ENTER.name, "true")  # how an ini file stores it
    assert settings.value(prefs.SEND_ON_ENTER) is True
    with pytest.raises(ValueError):
        settings.put(prefs.THEME, "purple")


def test_an_undeclared_setting_is_refused() -> None:
    stray = Setting("nowhere/thing", str, "", "not declared")
    with pytest.raises(KeyError):
        Settings().value(stray)


def test_window_state_lives_apart_from_preferences() -> None:
    settings = Settings()
    settings.state().setValue("window/geometry", b"x")
    settings.sync()
    assert Path(settings.state().fileName()).name == "state.ini"
    assert settings.raw().value("window/geometry") is None
