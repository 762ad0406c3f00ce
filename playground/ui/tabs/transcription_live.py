# mypy: disable-error-code="misc"
# (a mixin typed by `self: TranscriptionTab`: mypy cannot see TranscriptionTab derives from it)
"""The Transcription tab's live transcript: the words while recording (a Realtime
transcription session, services.live_transcript), final ones in the text colour and the
utterance still being transcribed greyed after them.

Updates only touch the end of the text: the final part only grows, so each update removes
the grey tail, appends what became final and puts the new tail back — never the whole text
again, however long the recording.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QPlainTextEdit

from playground.model.voice import LIVE_TRANSCRIPTION_MODELS
from playground.settings import TRANSCRIPTION_LIVE, TRANSCRIPTION_LIVE_MODEL
from playground.ui.naming import named

if TYPE_CHECKING:
    from playground.ui.tabs.transcription import TranscriptionTab


def _tr(text: str) -> str:
    return QCoreApplication.translate("TranscriptionTab", text)  # the tab's catalog context


class LiveWords:
    """Mixed into TranscriptionTab."""

    _live_toggle: QCheckBox
    _live_model: QComboBox
    _live_text: QPlainTextEdit
    _live_shown = ""  # the final text on screen; the grey tail follows it

    def _build_live(self: TranscriptionTab) -> QHBoxLayout:
        """The form row's widgets (toggle, model) and the text box; the row is returned."""
        self._live_toggle = named(QCheckBox(_tr("Show the words while recording"), self),
                                  "liveTranscriptToggle", _tr("Live transcript"))
        self._live_model = named(QComboBox(self), "liveTranscriptModel",
                                 _tr("Live transcript model"))
        self._live_model.setEditable(True)
        self._live_model.addItems(list(LIVE_TRANSCRIPTION_MODELS))
        self._live_model.setToolTip(_tr("A Realtime transcription model: words appear as "
                                        "they are spoken. The recording can still be "
                                        "transcribed from its file afterwards."))
        self._live_text = named(QPlainTextEdit(self), "liveTranscript",
                                _tr("Live transcript"))
        self._live_text.setReadOnly(True)
        self._live_text.setPlaceholderText(_tr("The words appear here while you record."))
        self._live_text.setMaximumHeight(110)
        self._live_text.hide()
        row = QHBoxLayout()
        row.addWidget(self._live_toggle)
        row.addWidget(self._live_model, 1)
        return row

    def _connect_live(self: TranscriptionTab) -> None:
        self._live_toggle.setChecked(self._settings.value(TRANSCRIPTION_LIVE))
        self._live_model.setCurrentText(self._settings.value(TRANSCRIPTION_LIVE_MODEL))
        self._live_toggle.toggled.connect(self._live_toggled)
        self._live_model.currentTextChanged.connect(
            lambda text: self._settings.put(TRANSCRIPTION_LIVE_MODEL, text.strip()))
        self.job.live_text.connect(self._show_live)
        self._live_toggled(self._live_toggle.isChecked())

    def _live_toggled(self: TranscriptionTab, on: bool) -> None:
        self._settings.put(TRANSCRIPTION_LIVE, on)
        self._live_model.setEnabled(on and self.job.recorder is None)
        self._live_text.setVisible(on and bool(self._live_text.toPlainText()
                                               or self.job.recorder is not None))

    def live_model(self: TranscriptionTab) -> str:
        """The model to transcribe the next recording live with; "" for none."""
        return self._live_model.currentText().strip() if self._live_toggle.isChecked() else ""

    def _live_recording_started(self: TranscriptionTab) -> None:
        self._live_text.clear()
        self._live_shown = ""
        self._live_model.setEnabled(False)
        self._live_text.setVisible(self._live_toggle.isChecked())

    def _live_recording_stopped(self: TranscriptionTab) -> None:
        self._live_model.setEnabled(self._live_toggle.isChecked())

    def _show_live(self: TranscriptionTab, final: str, pending: str) -> None:
        box = self._live_text
        bar = box.verticalScrollBar()
        at_end = bar.value() >= bar.maximum() - 4
        cursor = QTextCursor(box.document())
        if not final.startswith(self._live_shown):  # an earlier utterance changed: redo
            box.clear()
            self._live_shown = ""
            cursor = QTextCursor(box.document())
        plain = QTextCharFormat()
        # Remove the grey tail: everything after the final text on screen.
        cursor.setPosition(len(self._live_shown))
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        cursor.insertText(final[len(self._live_shown):], plain)
        self._live_shown = final
        if pending:
            grey = QTextCharFormat()
            grey.setForeground(box.palette().color(QPalette.ColorRole.PlaceholderText))
            cursor.insertText(("\n" if final else "") + pending, grey)
        box.setVisible(True)
        if at_end:
            bar.setValue(bar.maximum())
