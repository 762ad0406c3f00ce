# mypy: disable-error-code="misc"
# (a mixin typed by `self: TranscriptionTab`: mypy cannot see TranscriptionTab derives from it)
"""The Transcription tab's diarization options and retirement notices.

Diarizing models take known speakers (names, each with a 2–10 s voice sample) and no prompt;
the other models hide the speakers row. Retiring models and /audio/translations are announced
in one dismissible line, with dates and successors from the catalog.
"""

from __future__ import annotations

import datetime as dt
from itertools import zip_longest
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog

from playground.api.transcription import (
    MAX_KNOWN_SPEAKERS,
    KnownSpeaker,
    is_diarize,
)
from playground.audio.formats import UPLOAD_EXTENSIONS
from playground.model.capabilities import Endpoint
from playground.model.retirement import endpoint_retirement, model_retirement
from playground.settings import TRANSCRIPTION_OPEN_FOLDER
from playground.ui.widgets.retirement_notice import retirement_text, translation_text

if TYPE_CHECKING:
    from playground.ui.tabs.transcription import TranscriptionTab


def _tr(text: str) -> str:
    return QCoreApplication.translate("TranscriptionTab", text)  # the tab's catalog context


class SpeakerOptions:
    """Mixed into TranscriptionTab."""

    _speaker_samples: list[Path]

    # ------------------------------------------------------------------ diarization
    def _update_speakers(self: TranscriptionTab, model: str) -> None:
        diarize = is_diarize(model)
        self._options.setRowVisible(self._speakers_row, diarize)
        self._prompt.setEnabled(not diarize)
        self._prompt.setToolTip(
            _tr("%1 does not take a prompt.").replace("%1", model) if diarize else "")

    def known_speakers(self: TranscriptionTab) -> tuple[KnownSpeaker, ...]:
        """Names in order with the samples in order; a missing one is left empty, so the
        request check says which name lacks a sample (or which sample lacks a name)."""
        if not self._speakers.isEnabled() or not is_diarize(self._model.currentText()):
            return ()
        names = [n.strip() for n in self._speakers.text().split(",") if n.strip()]
        return tuple(KnownSpeaker(name or "", sample or Path())
                     for name, sample in zip_longest(names, self._speaker_samples))

    def _ask_samples(self: TranscriptionTab) -> None:
        dialog = QFileDialog(self, _tr("Voice samples, one per known speaker"),
                             self._settings.value(TRANSCRIPTION_OPEN_FOLDER))
        dialog.setObjectName("speakerSamplesDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        patterns = " ".join(f"*.{e}" for e in UPLOAD_EXTENSIONS)
        dialog.setNameFilter(_tr("Audio (%1);;All files (*)").replace("%1", str(patterns)))
        dialog.filesSelected.connect(self.set_speaker_samples)
        dialog.open()

    def set_speaker_samples(self: TranscriptionTab, paths: list[str]) -> None:
        """The samples in the order of the names (2–10 s each, checked when sending)."""
        self._speaker_samples = [Path(p) for p in paths][:MAX_KNOWN_SPEAKERS + 1]
        if not self._speaker_samples:
            self._samples_label.setText(_tr("no samples"))
            return
        self._samples_label.setText(
            QCoreApplication.translate("TranscriptionTab", "%n sample(s): %1", "",
                                       len(self._speaker_samples)).replace(
                "%1", ", ".join(p.name for p in self._speaker_samples)))

    # ------------------------------------------------------------------ retirements
    def _update_retirement(self: TranscriptionTab, model: str) -> None:
        today = dt.date.today()
        translation = endpoint_retirement(Endpoint.TRANSLATION, today)
        index = self._task_picker.findData("translate")
        label = _tr("Translate to English")
        tip = ""
        if translation is not None:
            note = (_tr("shut down %1") if translation.past else _tr("shuts down %1"))
            label += " — " + note.replace("%1", translation.date.isoformat())
            tip = translation_text(translation)
        self._task_picker.setItemText(index, label)
        self._task_picker.setItemData(index, tip, 3)  # Qt.ToolTipRole
        parts: list[str] = []
        keys: list[str] = []
        retirement = model_retirement(model, Endpoint.TRANSCRIPTION, today)
        if retirement is not None:
            parts.append(retirement_text(retirement))
            keys.append(retirement.key)
        if translation is not None and self._task_picker.currentData() == "translate":
            parts.append(translation_text(translation))
            keys.append("translations:" + translation.key)
        self._notice.show_notice("transcription:" + "|".join(keys), " ".join(parts))
