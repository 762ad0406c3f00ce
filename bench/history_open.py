"""Opening a stored conversation: a 1,000-message one against a 10-message one.

The chat tab shows only the last 50 messages (with "Show earlier messages" above them), so
opening a long conversation should cost about what a short one does. Measured: from creating
the view to its first paint, with the messages added and the window shown (offscreen).
Prints the median ratio over several interleaved runs (target <= 2x).

    python bench/history_open.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PAGE = 50  # what the chat tab loads when it opens a conversation


def conversation(length: int) -> list[tuple[int, str, str]]:
    """(key, role, text): questions and markdown answers with lists, tables, code, 中文."""
    rows = []
    for i in range(length):
        if i % 2 == 0:
            rows.append((i, "user", f"Question {i}: how do I sort a list of tuples by the "
                                    f"second item? 请解释一下。"))
        else:
            rows.append((i, "assistant", (
                f"### Answer {i}\n\nUse `sorted` with a **key** function; it is stable, so "
                "ties keep their order. 这是中文说明。\n\n"
                "- `key=lambda t: t[1]` sorts by the second item\n"
                "- `reverse=True` sorts from high to low\n\n"
                "| call | result |\n|---|---|\n| `sorted(xs)` | new list |\n"
                "| `xs.sort()` | in place |\n\n"
                "```python\nrows = [(\"b\", 2), (\"a\", 1)]\n"
                "print(sorted(rows, key=lambda t: t[1]))\n```\n\nHope this helps.\n"
            )))
    return rows


def open_conversation(length: int) -> tuple[float, float]:
    """Seconds from nothing to the first paint of a view showing the conversation's end,
    and to every loaded message being built (off-screen ones are built in idle time)."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QMainWindow

    from playground.ui.widgets.message_view import MessageView

    app = QApplication.instance()
    assert app is not None
    rows = conversation(length)
    painted = False

    class PaintWatch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            nonlocal painted
            if event.type() == QEvent.Type.Paint and not painted:
                painted = True
                # Honest first paint: the newest message is painted with its content.
                assert last.is_built and last.plain_text(), "painted before it was built"
            return False

    start = time.perf_counter()
    window = QMainWindow()
    view = MessageView()
    window.setCentralWidget(view)
    window.resize(900, 800)
    for key, role, text in rows[-PAGE:]:
        last = view.add_message(key, role, text, model="gpt-4o" if role == "assistant" else "")
    view.set_has_earlier(length > PAGE)
    watch = PaintWatch()
    last.installEventFilter(watch)  # the newest message, at the bottom: what the user sees
    window.show()
    while not painted:
        app.processEvents()
    first_paint = time.perf_counter() - start
    messages = [view.message(key) for key, _, _ in rows[-PAGE:]]
    while not all(m is not None and m.is_built for m in messages):
        app.processEvents()
    all_built = time.perf_counter() - start
    window.close()
    window.deleteLater()
    app.processEvents()
    return first_paint, all_built


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication

    _app = QApplication.instance() or QApplication([])
    open_conversation(10)  # warm-up: imports, fonts, Pygments lexers
    short, long = [], []
    for _ in range(args.runs):
        short.append(open_conversation(10))
        long.append(open_conversation(1000))
    s, lg = (statistics.median(t[0] for t in runs) for runs in (short, long))
    s_all, lg_all = (statistics.median(t[1] for t in runs) for runs in (short, long))
    print(f"median of {args.runs} (offscreen): first paint | every loaded message built")
    print(f"baseline   10-message conversation (all 10):      {s * 1000:7.1f} ms | "
          f"{s_all * 1000:7.1f} ms")
    print(f"candidate  1,000-message conversation (last {PAGE}): {lg * 1000:7.1f} ms | "
          f"{lg_all * 1000:7.1f} ms")
    print(f"first-paint ratio: {lg / s:.2f}x (target <= 2x)")


if __name__ == "__main__":
    main()
