"""Take the README's screenshots: the real main window, offscreen, against the loopback server.

    .venv/bin/python scripts/screenshots.py [out_dir] [--language zh_CN] [--theme dark]
    (default out_dir: docs/screenshots; file names get the language/theme as a suffix)
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

REPLY = """Here is a **binary search** in Python, with its cost:

```python
def binary_search(items: list[int], target: int) -> int:
    lo, hi = 0, len(items) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if items[mid] == target:
            return mid
        if items[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1
```

| case | comparisons |
|---|---|
| best | 1 |
| worst | ⌈log₂(n + 1)⌉ |

它每一步都把搜索范围减半，所以时间复杂度是 *O(log n)*。
"""


def main() -> int:
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--language", default="en", choices=("en", "zh_CN"))
    parser.add_argument("--theme", default="light", choices=("light", "dark"))
    parser.add_argument("--size", default="1500x920", help="window size, e.g. 1024x640")
    args = parser.parse_args()
    out = Path(args.out)
    width, height = (int(n) for n in args.size.split("x"))
    suffix = "".join(f"-{v}" for v, default in ((args.language, "en"), (args.theme, "light"),
                                                 (args.size, "1500x920")) if v != default)
    out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="playground-shots-"))
    os.environ.update(XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"),
                      OPENAI_API_KEY="sk-demo-key-for-screenshots")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from tests.fake_openai import FakeOpenAI
    from tests.fake_openai.routes_chat import RATE_LIMIT_HEADERS, ChatOptions
    from tests.fake_openai.routes_responses import ResponsesOptions

    server = FakeOpenAI().start()
    os.environ["OPENAI_BASE_URL"] = server.url

    import qasync
    from PySide6.QtCore import QSize
    from PySide6.QtWidgets import QApplication

    from playground.settings import LANGUAGE, THEME, Settings
    from playground.ui.bootstrap import run_services
    from playground.ui.main_window import MainWindow
    from playground.ui.theme import apply_theme

    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)  # the script, not the window, ends the loop
    from playground.i18n import install_translator
    from playground.ui.welcome_state import mark_welcome_done

    settings = Settings()
    mark_welcome_done(settings)  # the welcome has its own screenshots
    settings.put(LANGUAGE, args.language)
    settings.put(THEME, args.theme)
    install_translator(app, settings)
    apply_theme(app, settings)
    window = MainWindow(settings)
    window.resize(width, height)
    window.show()
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)

    async def until(condition, timeout: float = 20.0) -> None:  # type: ignore[no-untyped-def]
        end = loop.time() + timeout
        while not condition():
            if loop.time() > end:
                raise TimeoutError("the window did not get there in time")
            await asyncio.sleep(0.02)

    async def shoot() -> None:
        services = asyncio.ensure_future(run_services(window, settings))
        await until(lambda: window.services is not None)
        chat = window.chat
        chat.params.model_picker.setEditText("gpt-5.5")
        chat.params.system_prompt.setPlainText("You are a concise programming tutor.")
        server.state["chat"] = ChatOptions(reply=REPLY, chunks=60, headers=RATE_LIMIT_HEADERS)
        # The Responses API, with a reasoning summary shown as "Thinking".
        server.state["responses"] = ResponsesOptions(
            reply=REPLY, summary="The user wants binary search and its cost: show the "
            "loop, then a table of comparisons.", reasoning_tokens=96)
        options = chat.options
        options.api_picker.setCurrentIndex(options.api_picker.findData("responses"))
        options.summary_picker.setCurrentIndex(options.summary_picker.findData("auto"))
        states: list[bool] = []
        chat.busyChanged.connect(states.append)
        chat.input.setPlainText("Show me binary search in Python and explain its cost.")
        chat.send()
        await until(lambda: states[-2:] == [True, False])
        chat.input.setPlainText("Now in Rust, please")
        await asyncio.sleep(0.6)  # the token count is debounced
        if window.size() != QSize(width, height):
            print(f"the window is {window.width()}x{window.height()}, not {args.size}: "
                  f"its minimum is {window.minimumSizeHint().width()} px wide")
        window.grab().save(str(out / f"chat{suffix}.png"))
        for index, name in ((1, "images"), (2, "speech"), (3, "transcription"), (4, "voice")):
            window.tabs.setCurrentIndex(index)
            await asyncio.sleep(0.3)
            if name == "transcription":
                # The live transcript as it looks mid-recording: final words, then the
                # utterance still being transcribed (greyed).
                tab = window.tabs_by_name["transcription"]
                tab._live_recording_started()
                tab._show_live("Welcome, everyone, to the Monday planning meeting.",
                               "First on the list is the release")
                await asyncio.sleep(0.1)
            window.grab().save(str(out / f"{name}{suffix}.png"))
        window.tabs.setCurrentIndex(0)
        await shoot_tools()
        window.close()
        await services

    async def shoot_tools() -> None:
        """The Tools menu's windows, each with something in it, at the same size."""
        from PySide6.QtWidgets import QComboBox, QPlainTextEdit, QPushButton, QWidget

        def opened(action: str, name: str) -> QWidget:
            window.findChild(QWidget, "toolsMenu").findChild(object, action).trigger()
            found = window.findChild(QWidget, name)
            assert found is not None, name
            found.window().resize(width, height)
            return found

        compare = opened("compareAction", "compareView")
        compare.findChild(QPushButton, "compareAddPaneButton").click()
        for index, model in enumerate(("gpt-5.5", "gpt-5.4-mini", "gpt-6")):
            compare.findChild(QComboBox, f"comparePaneModel{index}").setEditText(model)
        server.state["responses"] = ResponsesOptions(reply=REPLY)
        compare.findChild(QPlainTextEdit, "compareInput").setPlainText(
            "Show me binary search in Python and explain its cost.")
        compare.findChild(QPushButton, "compareSendButton").click()
        await asyncio.sleep(0.3)
        await until(lambda: compare.findChild(QPushButton, "compareSendButton").isEnabled())
        await asyncio.sleep(0.3)
        compare.window().grab().save(str(out / f"compare{suffix}.png"))
        compare.window().close()

        tokenizer = opened("tokenizerAction", "tokenizerView")
        tokenizer.findChild(QPlainTextEdit, "tokenizerInput").setPlainText(
            "Binary search halves the range each step: O(log n). 二分查找每一步把范围减半。")
        await asyncio.sleep(1.5)  # the vocabulary loads, then the debounced split
        tokenizer.window().grab().save(str(out / f"tokenizer{suffix}.png"))
        tokenizer.window().close()

    try:
        loop.run_until_complete(shoot())
    finally:
        server.stop()
        loop.close()  # stops qasync's worker threads: Qt aborts on a QThread left running
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
