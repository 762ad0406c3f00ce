"""Counting a 100,000-token prompt while it is typed, in the real UsagePanel (offscreen).

Measures, median of several runs:
- the longest UI stall while the panel counts: the largest gap between ticks of a 1 ms
  QTimer heartbeat minus its interval (target ≤ 16 ms, one frame);
- the time from the debounced count starting (last keystroke + 150 ms) to the count being on
  screen, against a bare tiktoken encode of the same text in this process (target ≤ 2×).

    QT_QPA_PLATFORM=offscreen python bench/token_count.py [runs]
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from playground.model.types import ChatMessage
from playground.ui.widgets.usage_panel import DEBOUNCE_MS, UsagePanel
from playground.usage.encodings import get_encoding
from playground.usage.tokens import count_prompt

RUNS = 5
KEYSTROKES = 30
KEY_INTERVAL_MS = 40  # a fast typist
MODEL = "gpt-4o"
WORDS = ("the quick brown fox jumps over a lazy dog while 42 engineers debate tokenisers, "
         "naïve café owners count 3.14159 pies; 数据 and こんにちは mix in too. ").split(" ")


def prompt_of(tokens: int) -> str:
    encoding = get_encoding("o200k_base")
    text = " ".join(WORDS[i % len(WORDS)] + str(i % 97) for i in range(tokens // 2))
    while len(encoding.encode_ordinary(text)) < tokens:
        text += text[: len(text) // 10]
    while len(encoding.encode_ordinary(text)) > tokens * 1.01:
        text = text[: int(len(text) * 0.99)]
    return text


def bare_encode_seconds(text: str) -> float:
    encoding = get_encoding("o200k_base")
    samples = []
    for _ in range(3):
        fresh = (text + " ")[:-1]  # a new str, as each keystroke makes one
        start = time.perf_counter()
        encoding.encode_ordinary(fresh)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def bare_encode_beside_ui_seconds(text: str) -> float:
    """The same bare encode on a worker thread while the 1 ms heartbeat runs on the UI thread:
    the baseline under the conditions the panel counts in (this machine's cores are shared)."""
    encoding = get_encoding("o200k_base")
    executor = ThreadPoolExecutor(1)
    loop = QEventLoop()
    finished = [0.0]
    fresh = (text + " ")[:-1]  # a new str, as each keystroke makes one
    start = time.perf_counter()
    future = executor.submit(encoding.encode_ordinary, fresh)

    def heartbeat() -> None:
        if future.done() and not finished[0]:
            finished[0] = time.perf_counter()
            loop.quit()

    beat = QTimer()
    beat.setInterval(1)
    beat.timeout.connect(heartbeat)
    beat.start()
    loop.exec()
    beat.stop()
    executor.shutdown()
    return finished[0] - start


def typing_run(app: QApplication, panel: UsagePanel, text: str) -> tuple[float, float]:
    """(longest stall s, count latency s) for one burst of typing at the end of `text`."""
    gaps: list[float] = []
    last_tick = [time.perf_counter()]

    def heartbeat() -> None:
        now = time.perf_counter()
        gaps.append(now - last_tick[0])
        last_tick[0] = now
        check()  # one 1 ms timer both measures stalls and notices the count

    beat = QTimer()
    beat.setInterval(1)
    beat.timeout.connect(heartbeat)
    typed = [text]
    keys = [0]
    last_key = [0.0]
    shown_before = panel.counts_shown
    done = QEventLoop()

    def keystroke() -> None:
        typed[0] += "abc "[keys[0] % 4]
        panel.set_draft(MODEL, [ChatMessage("user", typed[0])], 4096)
        last_key[0] = time.perf_counter()
        keys[0] += 1
        if keys[0] == KEYSTROKES:
            typing.stop()

    def check() -> None:
        estimate = panel.last_estimate
        if (keys[0] == KEYSTROKES and panel.counts_shown > shown_before
                and estimate is not None and estimate.count.tokens == expected):
            ready[0] = time.perf_counter()
            done.quit()

    expected = count_prompt(MODEL, [ChatMessage("user", text + "".join(
        "abc "[i % 4] for i in range(KEYSTROKES)))]).tokens
    ready = [0.0]
    typing = QTimer()
    typing.setInterval(KEY_INTERVAL_MS)
    typing.timeout.connect(keystroke)
    last_tick[0] = time.perf_counter()
    beat.start()
    typing.start()
    done.exec()
    beat.stop()
    stall = max(gaps) - 0.001
    latency = ready[0] - (last_key[0] + DEBOUNCE_MS / 1000)
    return stall, latency


def main() -> None:
    global RUNS
    if len(sys.argv) > 1:
        RUNS = int(sys.argv[1])
    app = QApplication.instance() or QApplication(sys.argv)
    text = prompt_of(100_000)
    tokens = count_prompt(MODEL, [ChatMessage("user", text)]).tokens
    panel = UsagePanel()
    panel.show()
    # Warm up: the vocabulary loads once per process, before anyone types 100k tokens.
    typing_run(app, panel, "warm up")  # type: ignore[arg-type]
    stalls, latencies, bares, besides = [], [], [], []
    for _ in range(RUNS):  # interleaved, so all see the same machine load
        bares.append(bare_encode_seconds(text))
        besides.append(bare_encode_beside_ui_seconds(text))
        stall, latency = typing_run(app, panel, text)  # type: ignore[arg-type]
        stalls.append(stall)
        latencies.append(latency)
    stall, latency = statistics.median(stalls), statistics.median(latencies)
    bare, beside = statistics.median(bares), statistics.median(besides)
    print(f"prompt: {tokens:,} tokens, {len(text):,} characters; {KEYSTROKES} keystrokes "
          f"every {KEY_INTERVAL_MS} ms; median of {RUNS} runs")
    print(f"longest UI stall while counting: {stall * 1e3:.1f} ms "
          f"(ratio to one 16 ms frame: {stall / 0.016:.2f}x, target <= 1x)")
    print(f"count on screen after the debounce: {latency * 1e3:.1f} ms; bare tiktoken encode: "
          f"{bare * 1e3:.1f} ms; ratio {latency / bare:.2f}x (target <= 2x)")
    print(f"the same bare encode on a worker thread beside the UI heartbeat: "
          f"{beside * 1e3:.1f} ms; ratio {latency / beside:.2f}x")


if __name__ == "__main__":
    main()
