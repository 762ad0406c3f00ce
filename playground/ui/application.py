"""The GUI's start: QApplication, the window's first paint, then the qasync loop and services.

Order matters for startup time: the window paints before qasync, the SDK, the audio stack,
markdown or SQLite are imported; everything else is built right after.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject
from PySide6.QtWidgets import QApplication

from playground import APP_ID, APP_NAME, __version__


class _FirstPaint(QObject):
    """Sets `done` when the window receives its first paint event."""

    def __init__(self) -> None:
        super().__init__()
        self.done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.done = True
        return False


NO_DISPLAY = ("No graphical display: run it from a desktop session, or set "
              "QT_QPA_PLATFORM=offscreen to run it without a screen (e.g. for a test).")


def no_display(env: dict[str, str] | os._Environ[str] = os.environ,
               platform: str = sys.platform) -> bool:
    """Linux with neither X11 nor Wayland to talk to, and no platform chosen: Qt would abort
    (exit 134) blaming xcb-cursor0 and suggesting a reinstall, neither of which helps."""
    return (platform.startswith("linux") and not env.get("QT_QPA_PLATFORM")
            and not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"))


def run_gui(args: argparse.Namespace, t0: float) -> int:
    if no_display():
        print(NO_DISPLAY, file=sys.stderr)
        return 1
    QCoreApplication.setApplicationName(APP_ID)
    QCoreApplication.setOrganizationName(APP_ID)
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication(sys.argv)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName(APP_ID)
    from playground.ui.icon import app_icon

    app.setWindowIcon(app_icon())
    # The services coroutine ends the loop when the last window closes, after its cleanup;
    # Qt's own quit would stop the loop under it.
    app.setQuitOnLastWindowClosed(False)

    from playground.settings import Settings
    from playground.ui.main_window import MainWindow
    from playground.ui.theme import apply_theme

    settings = Settings()
    from playground.i18n import install_translator

    install_translator(app, settings)  # before any widget: their texts are set when built
    apply_theme(app, settings)
    window = MainWindow(settings, start_profile=args.profile)
    first_paint = _FirstPaint()
    window.installEventFilter(first_paint)
    window.show()
    deadline = time.monotonic() + 10
    while not first_paint.done and time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 20)
    window.removeEventFilter(first_paint)
    if os.environ.get("PLAYGROUND_EXIT_AFTER_FIRST_PAINT"):
        spawn = os.environ.get("PLAYGROUND_T0")
        elapsed = time.time() - float(spawn) if spawn else time.perf_counter() - t0
        print(f"first-paint-ms {elapsed * 1000:.1f}", flush=True)
        return 0
    from datetime import date

    from playground.settings import migrate_saved_models

    # Saved models are read by the chat's side panel and the other tabs, none of which the
    # first paint builds: retired ones are moved to their successors just before.
    window.show_model_notices(migrate_saved_models(settings, date.today()))
    window.chat.finish_building()  # what the first paint did not need: one frame later
    from playground import heap

    heap.enable()  # the window and its modules: out of the full collections from now on

    import asyncio

    import qasync

    from playground.ui.bootstrap import run_services

    try:
        return qasync.run(run_services(window, settings))
    except asyncio.CancelledError:
        return 0
