"""Gallery benchmark: 500 images open to first paint within 2x of 10; scrolling never stalls.

Run: python bench/gallery.py   (uses QT_QPA_PLATFORM=offscreen unless set)

1. Open: the time from "show me the gallery" (index query + model + view) to the view's
   first paint, for galleries of 10 and 500 images, median of several runs; the 10-image
   gallery is the baseline measured in the same run. Target: ratio <= 2.
2. Scroll: the 500-image view scrolls from top to bottom, 60 px per frame, while thumbnails
   load; a 1 ms QTimer heartbeat runs meanwhile, and the longest gap between its ticks (less
   its interval) is the longest stall of the UI thread. Target: <= 50 ms.
"""

from __future__ import annotations

import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PIL import Image
from PySide6.QtCore import QElapsedTimer, QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

from playground.storage.gallery import Gallery, NewImage
from playground.ui.widgets.image_gallery import GalleryPanel

RUNS = 7
STEP_PX = 60
FRAME_MS = 16
HEARTBEAT_MS = 1
SETTLE_MS = 500  # after the bottom is reached: let the last thumbnails arrive


def _picture(i: int) -> bytes:
    image = Image.new("RGB", (512, 512), ((i * 37) % 256, (i * 91) % 256, (i * 53) % 256))
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=1)
    return out.getvalue()


def build(folder: Path, count: int) -> Gallery:
    gallery = Gallery(folder / "db.sqlite3", folder / "media")
    for i in range(count):
        gallery.add(NewImage(_picture(i), "image/png", "generate", "dall-e-2",
                             f"benchmark image number {i} of a quiet harbour", {"n": 1}))
    return gallery


class _FirstPaint(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.seen = True
        return False


def open_to_first_paint(app: QApplication, gallery: Gallery) -> float:
    timer = QElapsedTimer()
    timer.start()
    panel = GalleryPanel()
    watcher = _FirstPaint()
    panel.view.viewport().installEventFilter(watcher)
    panel.resize(420, 760)
    panel.set_entries(gallery.entries())
    panel.show()
    while not watcher.seen:
        app.processEvents()
    elapsed = timer.nsecsElapsed() / 1e6
    panel.model.loader.shutdown()
    panel.close()
    panel.deleteLater()
    app.processEvents()
    return elapsed


def _precise_timer(interval_ms: int) -> QTimer:
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(interval_ms)
    return timer


def scroll_stall(app: QApplication, gallery: Gallery) -> tuple[float, float, int]:
    """(worst stall ms, scroll duration ms, thumbnails loaded).

    One timer scrolls a step per frame, as a flick does; a 1 ms heartbeat ticks meanwhile.
    Whatever the UI thread does between two ticks (scroll, layout, paints, thumbnail
    deliveries) keeps the user waiting as long as the gap between them.
    """
    panel = GalleryPanel()
    panel.resize(420, 760)
    panel.set_entries(gallery.entries())
    panel.show()
    app.processEvents()
    bar = panel.view.verticalScrollBar()
    done = QEventLoop()
    gaps: list[float] = []
    last_tick = [0.0]

    def heartbeat() -> None:
        now = time.perf_counter()
        gaps.append(now - last_tick[0])
        last_tick[0] = now

    def step() -> None:
        bar.setValue(bar.value() + STEP_PX)
        if bar.value() >= bar.maximum():
            scroller.stop()
            QTimer.singleShot(SETTLE_MS, done.quit)

    beat = _precise_timer(HEARTBEAT_MS)
    beat.timeout.connect(heartbeat)
    scroller = _precise_timer(FRAME_MS)
    scroller.timeout.connect(step)
    start = last_tick[0] = time.perf_counter()
    beat.start()
    scroller.start()
    done.exec()
    beat.stop()
    worst = max(0.0, max(gaps) * 1000 - HEARTBEAT_MS)
    loaded = panel.model.thumbnails_loaded()
    panel.model.loader.shutdown()
    panel.close()
    return worst, (time.perf_counter() - start) * 1000, loaded


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as tmp:
        small = build(Path(tmp) / "ten", 10)
        t0 = time.perf_counter()
        large = build(Path(tmp) / "five-hundred", 500)
        print(f"built galleries (500 images in {time.perf_counter() - t0:.1f} s)")
        open_to_first_paint(app, small)  # warm-up: fonts, styles, first window
        ten = [open_to_first_paint(app, small) for _ in range(RUNS)]
        five_hundred = [open_to_first_paint(app, large) for _ in range(RUNS)]
        m10, m500 = statistics.median(ten), statistics.median(five_hundred)
        ratio = m500 / m10
        print(f"open to first paint, median of {RUNS}: 10 images {m10:.1f} ms, "
              f"500 images {m500:.1f} ms, ratio {ratio:.2f} (target <= 2) "
              f"{'OK' if ratio <= 2 else 'FAIL'}")
        stalls = [scroll_stall(app, large) for _ in range(3)]
        worst = statistics.median(s[0] for s in stalls)
        print(f"scrolling 500 images top to bottom: worst UI stall {worst:.1f} ms "
              f"(median of 3; each run {', '.join(f'{s[0]:.1f}' for s in stalls)} ms; "
              f"{stalls[-1][2]} thumbnails loaded in {stalls[-1][1]:.0f} ms) "
              f"(target <= 50) {'OK' if worst <= 50 else 'FAIL'}")
        small.close()
        large.close()


if __name__ == "__main__":
    main()
