"""Where the shipped data files live, in a checkout and in a PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The package's data folder (`playground/data`: vocabularies, icons, translations,
    the desktop entry, per-unit prices), shipped as package data so a wheel or `pip install .`
    has it too; under _MEIPASS when frozen."""
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / "playground" / "data"
    return Path(__file__).resolve().parent / "data"
