# mypy: disable-error-code="misc"
# (a mixin typed by `self: TranscriptionTab`: mypy cannot see TranscriptionTab derives from it)
"""The Transcription tab's audio source: open or drop a file (probed by the job), show its
waveform and length, and play it before sending."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog

from playground.audio import codecs
from playground.audio import transcript as tr
from playground.audio.devices import DEFAULT
from playground.audio.errors import AudioError
from playground.audio.formats import UPLOAD_EXTENSIONS
from playground.services.messages import UserMessage
from playground.settings import (
    TRANSCRIPTION_OPEN_FOLDER,
    TRANSCRIPTION_OUTPUT_DEVICE,
)
from playground.ui.async_slot import async_slot

if TYPE_CHECKING:
    from playground.ui.tabs.transcription import TranscriptionTab


def _tr(text: str) -> str:
    return QCoreApplication.translate("TranscriptionTab", text)  # the tab's catalog context


class AudioSource:
    """Mixed into TranscriptionTab."""

    _source: Path | None
    _source_seconds: float

    # ------------------------------------------------------------------ files
    def _ask_open(self: TranscriptionTab) -> None:
        dialog = QFileDialog(self, _tr("Open audio"),
                             self._settings.value(TRANSCRIPTION_OPEN_FOLDER))
        dialog.setObjectName("openAudioDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        patterns = " ".join(f"*.{e}" for e in UPLOAD_EXTENSIONS)
        dialog.setNameFilter(_tr("Audio (%1);;All files (*)").replace("%1", str(patterns)))
        dialog.fileSelected.connect(self.open_file)
        dialog.open()

    def dragEnterEvent(self: TranscriptionTab, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and self.job.recorder is None:
            event.acceptProposedAction()

    def dropEvent(self: TranscriptionTab, event: QDropEvent) -> None:
        urls = [u for u in event.mimeData().urls() if u.isLocalFile()]
        if urls:
            event.acceptProposedAction()
            self.open_file(urls[0].toLocalFile())

    @async_slot(str)
    async def open_file(self: TranscriptionTab, path: str) -> None:
        if not path:
            return
        file = Path(path)
        opened = await self.job.open(file)
        if opened is None:
            self._open_failed(file)
            return
        self._settings.put(TRANSCRIPTION_OPEN_FOLDER, str(file.parent))
        if opened.samples is None:
            self._waveform.clear()
        else:
            self._waveform.set_samples(opened.samples, opened.rate)
        self._set_source(file, opened.seconds, keep_waveform=True)

    def _open_failed(self: TranscriptionTab, file: Path) -> None:
        """Nothing stays selected: Transcribe would otherwise send the earlier file."""
        self._playback.stop()
        self._source, self._source_seconds = None, 0.0
        self._waveform.clear()
        self._source_label.setText(_tr("Nothing selected: %1 could not be opened.")
                                    .replace("%1", str(file.name)))
        self._update_buttons()

    def _set_source(self: TranscriptionTab, path: Path, seconds: float, *,
                    keep_waveform: bool = False) -> None:
        self._source, self._source_seconds = path, seconds
        size = path.stat().st_size if path.exists() else 0
        length = tr.clock(seconds) if seconds else _tr("unknown length")
        self._source_label.setText(_tr("%1 — %2, %3 MB")
                                    .replace("%1", str(path.name))
                                    .replace("%2", str(length))
                                    .replace("%3", format(size / 1000000.0, ".1f")))
        if not keep_waveform:
            self._load_waveform(str(path))
        self._update_buttons()

    @async_slot(str)
    async def _load_waveform(self: TranscriptionTab, path: str) -> None:
        with contextlib.suppress(AudioError):
            samples, rate = await asyncio.to_thread(codecs.read_mono, path)
            self._waveform.set_samples(samples, rate)

    # ------------------------------------------------------------------ preview
    @async_slot()
    async def preview(self: TranscriptionTab) -> None:
        if self._playback.playing:
            self._playback.stop()
            return
        if self._source is None:
            return
        try:
            samples, rate = await asyncio.to_thread(codecs.read_mono, self._source)
            await self._playback.play(samples, rate,
                                      self._settings.value(TRANSCRIPTION_OUTPUT_DEVICE) or DEFAULT)
        except AudioError as exc:
            self._show_message(UserMessage.error(str(exc)))
            return
        self._preview.setText(_tr("Stop"))

    def _preview_finished(self: TranscriptionTab) -> None:
        self._preview.setText(_tr("Play"))
        self._waveform.set_playhead(None)
