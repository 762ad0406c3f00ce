"""“View code” shows the request in a fixed-pitch font, whatever "monospace" resolves to."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

CONF = Path(__file__).with_name("data") / "cjk-first-monospace.conf"

_SHOW = """
import json
from PySide6.QtCore import QLocale
from PySide6.QtGui import QFontInfo, QFontMetrics
from PySide6.QtWidgets import QApplication, QPlainTextEdit
QLocale.setDefault(QLocale("zh_CN"))
app = QApplication([])
from playground.api.code_view import CodeView
from playground.ui.code_dialog import CodeDialog
dialog = CodeDialog(CodeView("print('hi')", "curl https://x"))
editor = dialog.findChild(QPlainTextEdit, "pythonCode")
metrics = QFontMetrics(editor.font())
print(json.dumps([QFontInfo(editor.font()).family(), QFontInfo(editor.font()).fixedPitch(),
                  metrics.horizontalAdvance("iiii"), metrics.horizontalAdvance("MMMM")]))
"""


def _cjk_font_installed() -> bool:
    out = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True,
                         check=False).stdout if _has("fc-list") else ""
    return "Noto Sans CJK SC" in out


def _has(tool: str) -> bool:
    import shutil

    return shutil.which(tool) is not None


@pytest.mark.skipif(not sys.platform.startswith("linux") or not _cjk_font_installed(),
                    reason="needs fontconfig and Noto Sans CJK (fonts-noto-cjk)")
def test_code_stays_monospaced_when_monospace_resolves_to_a_cjk_font() -> None:
    env = {**os.environ, "FONTCONFIG_FILE": str(CONF), "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", _SHOW], env=env, capture_output=True,
                         text=True, timeout=60, check=True).stdout
    family, fixed, narrow, wide = json.loads(out.strip().splitlines()[-1])
    assert fixed, family
    assert narrow == wide, family  # "iiii" as wide as "MMMM"
