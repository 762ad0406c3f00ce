# mypy: disable-error-code="misc"
# (a mixin typed by `self: TranscriptionTab`: mypy cannot see TranscriptionTab derives from it)
"""The Transcription tab's result: the transcript as shown (and edited), copied, sent to the
chat or saved as text or subtitles."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog

from playground.api.transcription import TranscriptionResult
from playground.audio import transcript as tr
from playground.audio.formats import extension
from playground.services.messages import UserMessage
from playground.services.transcription_job import transcript_body
from playground.settings import TRANSCRIPTION_OPEN_FOLDER
from playground.ui.async_slot import async_slot

if TYPE_CHECKING:
    from playground.ui.tabs.transcription import TranscriptionTab


def _tr(text: str) -> str:
    return QCoreApplication.translate("TranscriptionTab", text)  # the tab's catalog context


class TranscriptResults:
    """Mixed into TranscriptionTab."""

    _result: TranscriptionResult | None
    _stamped: bool
    _source: Path | None
    _source_seconds: float

    # ------------------------------------------------------------------ results
    def transcript_text(self: TranscriptionTab) -> str:
        """What the user sees (and may have edited)."""
        return self._output.toPlainText()

    def copy_transcript(self: TranscriptionTab) -> None:
        QGuiApplication.clipboard().setText(self.transcript_text())
        self._show_message(UserMessage.info(_tr("Copied.")))

    def send_to_chat(self: TranscriptionTab) -> None:
        text = (self._result.transcript.labelled_text(_tr("Speaker"))
                if self._result and not self._edited() else self.transcript_text())
        if text.strip():
            self.sendTextToChat.emit(text)

    def _edited(self: TranscriptionTab) -> bool:
        if self._result is None:
            return True
        return self.transcript_text() != self._shown(self._result)

    def _shown(self: TranscriptionTab, result: TranscriptionResult) -> str:
        """Timestamps only when asked for: verbose_json carries segments either way; a
        diarized transcript is always shown with its speakers and times."""
        if self._stamped or result.transcript.diarized:
            return tr.to_display(result.transcript, _tr("Speaker"))
        return result.transcript.text

    def _ask_save(self: TranscriptionTab) -> None:
        dialog = QFileDialog(self, _tr("Save transcript"),
                             self._settings.value(TRANSCRIPTION_OPEN_FOLDER))
        dialog.setObjectName("saveTranscriptDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters([_tr("Text (*.txt)"), _tr("SubRip subtitles (*.srt)"),
                               _tr("WebVTT subtitles (*.vtt)")])
        dialog.setDefaultSuffix("txt")
        stem = self._source.stem if self._source is not None else ""
        dialog.selectFile(f"{stem or _tr('transcript')}.txt")
        dialog.fileSelected.connect(self.save_transcript)
        dialog.open()

    @async_slot(str)
    async def save_transcript(self: TranscriptionTab, path: str) -> None:
        """.srt/.vtt from the timestamps (one cue for untimed text); anything else as text."""
        if path:
            shown = self.transcript_text() if self._edited() else None
            body = transcript_body(extension(path), self._result, shown, self._source_seconds)
            await self.job.save(Path(path), body)
