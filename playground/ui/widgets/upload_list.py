"""The uploads under way in the files manager: one row each with its progress bar, what it
says (sent of total, done, failed and why) and a Cancel button while it runs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from playground.model.files import size_text
from playground.services.file_stores import Upload

BAR_STEPS = 1000  # the bar's range: per mille, so a 512 MB file still moves smoothly


class UploadRow(QWidget):
    def __init__(self, job: Upload, cancel: Callable[[int], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.job_id = job.id
        self.setObjectName(f"uploadRow{job.id}")
        self.name = QLabel(job.path.name, self)
        self.name.setMinimumWidth(160)
        self.bar = QProgressBar(self)
        self.bar.setObjectName("uploadProgress")
        self.bar.setAccessibleName(self.tr("Upload of %1").replace("%1", job.path.name))
        self.bar.setRange(0, BAR_STEPS)
        self.state = QLabel(self)
        self.state.setObjectName("uploadState")
        self.state.setMinimumWidth(220)
        self.cancel = QPushButton(self.tr("Cancel"), self)
        self.cancel.setObjectName("cancelUploadButton")
        self.cancel.setAccessibleName(self.tr("Cancel the upload of %1")
                                      .replace("%1", job.path.name))
        self.cancel.clicked.connect(lambda: cancel(job.id))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.name)
        row.addWidget(self.bar, 1)
        row.addWidget(self.state)
        row.addWidget(self.cancel)
        self.show_job(job)

    def show_job(self, job: Upload) -> None:
        self.bar.setValue(int(job.fraction * BAR_STEPS))
        states = {
            "waiting": self.tr("Waiting…"),
            "uploading": self.tr("%1 of %2").replace("%1", size_text(job.sent))
            .replace("%2", size_text(job.total)),
            "done": self.tr("Uploaded"),
            "failed": self.tr("Failed: %1").replace("%1", job.error),
            "cancelled": self.tr("Cancelled"),
        }
        self.state.setText(states.get(job.status, job.status))
        self.state.setToolTip(job.error)
        self.cancel.setVisible(job.active)


class UploadList(QWidget):
    """Rows appear as uploads start; finished rows stay until the next upload begins."""

    def __init__(self, cancel: Callable[[int], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("uploadList")
        self._cancel = cancel
        self._rows: dict[int, UploadRow] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.setVisible(False)

    def show_job(self, job: Upload) -> None:
        row = self._rows.get(job.id)
        if row is None:
            self._drop_finished()
            row = UploadRow(job, self._cancel, self)
            self._rows[job.id] = row
            self._layout.addWidget(row)
            self.setVisible(True)
        row.show_job(job)

    def row(self, job_id: int) -> UploadRow | None:
        return self._rows.get(job_id)

    def _drop_finished(self) -> None:
        for job_id, row in list(self._rows.items()):
            if row.cancel.isHidden():  # finished: its Cancel was hidden
                row.setParent(None)
                row.deleteLater()
                del self._rows[job_id]
