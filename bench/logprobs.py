"""A reply with 2,000 logprob tokens: shown as coloured tokens, then hovered token by token.

Baseline in the same run: the same text set as plain text in the same kind of view. Prints
the render ratio and the longest single hover (a tooltip lookup), which must stay under one
frame (16 ms) so moving the mouse over a long reply never stutters.

    python bench/logprobs.py [--tokens 2000] [--runs 7]
"""

from __future__ import annotations

import argparse
import math
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def rows(count: int) -> list[list[object]]:
    rng = random.Random(7)
    words = ["the", " model", " token", " 概率", " reply", ",", " and", " JSON", "\n", " is"]
    out: list[list[object]] = []
    for _ in range(count):
        p = rng.random()
        out.append([rng.choice(words), math.log(max(p, 1e-6)),
                    [[rng.choice(words), math.log(rng.random() * (1 - p) + 1e-6)]
                     for _ in range(5)]])
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tokens", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QTextBrowser, QToolTip

    from playground.ui.widgets.logprob_view import LogprobView

    app = QApplication.instance() or QApplication([])
    data = rows(args.tokens)
    text = "".join(str(r[0]) for r in data)
    base, cand, hovers, stalls = [], [], [], []
    warm = LogprobView()  # warm-up, not measured: fonts (CJK fallback) load on first use
    warm.set_tokens(data[:50])
    warm.show()
    app.processEvents()
    warm.deleteLater()
    for _ in range(args.runs):
        plain = QTextBrowser()
        plain.resize(700, 400)
        plain.show()
        t0 = time.perf_counter()
        plain.setPlainText(text)
        plain.document().size()  # force the layout
        app.processEvents()
        base.append(time.perf_counter() - t0)
        view = LogprobView()
        view.resize(700, 400)
        view.show()
        t0 = time.perf_counter()
        view.set_tokens(data)
        slices = [time.perf_counter() - t0]
        while not view.complete:  # the rest arrives a slice per event-loop turn
            t1 = time.perf_counter()
            app.processEvents()
            slices.append(time.perf_counter() - t1)
        view.document().size()
        app.processEvents()
        cand.append(time.perf_counter() - t0)
        stalls.append(max(slices))
        cursor = view.textCursor()
        for position in range(0, len(text), max(1, len(text) // 200)):
            cursor.setPosition(position)
            point = view.cursorRect(cursor).center()
            event = QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point))
            t0 = time.perf_counter()
            QApplication.sendEvent(view.viewport(), event)
            hovers.append(time.perf_counter() - t0)
        QToolTip.hideText()
        plain.deleteLater()
        view.deleteLater()
        app.processEvents()
    b, c = statistics.median(base), statistics.median(cand)
    print(f"median of {args.runs}, {args.tokens} tokens (offscreen)")
    print(f"baseline   plain text in a QTextBrowser: {b * 1000:7.1f} ms")
    print(f"candidate  coloured tokens (LogprobView): {c * 1000:7.1f} ms")
    print(f"render ratio: {c / b:.2f}x; longest slice (UI stall) {max(stalls) * 1000:.1f} ms "
          f"(target <= 16 ms)")
    print(f"hover: median {statistics.median(hovers) * 1000:.2f} ms, longest "
          f"{max(hovers) * 1000:.2f} ms over {len(hovers)} hovers (target <= 16 ms)")


if __name__ == "__main__":
    main()
