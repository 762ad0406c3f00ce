"""The tokenizer window on 200,000 characters, in the real TokenizerView (offscreen).

Measures, median of several runs:
- the time from the text being set to its counts and first 5,000 tokens being on screen
  (tokenize on a worker thread + sliced render), against a bare tiktoken encode of the same
  text in this process (the baseline);
- the longest UI stall meanwhile: the largest gap between ticks of a 1 ms QTimer heartbeat
  minus its interval (target <= 50 ms).

    QT_QPA_PLATFORM=offscreen python bench/tokenizer.py [runs]
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import qasync
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from playground.ui.tokenizer_view import TokenizerView
from playground.usage.encodings import get_encoding

RUNS = 5
CHARS = 200_000
ENCODING = "o200k_base"
SAMPLE = ("The quick brown fox jumps over a lazy dog while 42 engineers debate tokenisers; "
          "naïve café owners count 3.14159 pies. 它每一步都把搜索范围减半。😀👍🏽\n")


def text_of(chars: int, run: int) -> str:
    text = (f"{run} " + SAMPLE) * (chars // len(SAMPLE) + 1)
    return text[:chars]  # a new string each run: nothing cached anywhere


def bare_encode_seconds(text: str) -> float:
    encoding = get_encoding(ENCODING)
    samples = []
    for _ in range(3):
        fresh = (text + " ")[:-1]
        start = time.perf_counter()
        encoding.encode(fresh, disallowed_special=())
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


async def view_run(view: TokenizerView, text: str) -> tuple[float, float]:
    """(seconds until counts and tokens are on screen, longest stall s)."""
    gaps: list[float] = []
    last = [time.perf_counter()]

    def heartbeat() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    shown = asyncio.Event()
    view.splitShown.connect(shown.set)
    beat = QTimer()
    beat.setInterval(1)
    beat.timeout.connect(heartbeat)
    view.input.blockSignals(True)  # the paste into the editor is not what is measured
    view.input.setPlainText(text)
    view.input.blockSignals(False)
    last[0] = start = time.perf_counter()
    beat.start()
    view.refresh()  # as when the debounce fires
    await asyncio.wait_for(shown.wait(), 60)
    elapsed = time.perf_counter() - start
    beat.stop()
    view.splitShown.disconnect(shown.set)
    split = view.last_split
    assert split is not None and split.char_count == len(text)
    assert view.tokens.rendered == len(split.pieces)
    return elapsed, max(gaps, default=0.0) - 0.001


async def bench(app: QApplication) -> None:
    view = TokenizerView()
    view.show()
    await view_run(view, "warm up: the vocabulary loads once per process")
    shown, stalls, bares = [], [], []
    for run in range(RUNS):  # interleaved, so both see the same machine load
        text = text_of(CHARS, run)
        bares.append(bare_encode_seconds(text))
        elapsed, stall = await view_run(view, text)
        shown.append(elapsed)
        stalls.append(stall)
    split = view.last_split
    assert split is not None
    on_screen, bare = statistics.median(shown), statistics.median(bares)
    stall = statistics.median(stalls)
    print(f"text: {CHARS:,} characters, {split.token_count:,} tokens ({ENCODING}); "
          f"{split.shown_tokens:,} tokens drawn; median of {RUNS} runs")
    print(f"counts and tokens on screen: {on_screen * 1e3:.1f} ms; bare tiktoken encode: "
          f"{bare * 1e3:.1f} ms; ratio {on_screen / bare:.2f}x")
    print(f"longest UI stall meanwhile: {stall * 1e3:.1f} ms "
          f"(ratio to the 50 ms target: {stall / 0.050:.2f}x, target <= 1x)")
    view.close()


def main() -> None:
    global RUNS
    if len(sys.argv) > 1:
        RUNS = int(sys.argv[1])
    app = QApplication.instance() or QApplication(sys.argv)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        loop.run_until_complete(bench(app))  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
