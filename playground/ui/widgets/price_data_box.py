"""The usage panel's footnote on price data: which data prices tokens (and its date), the
"Update prices" button with its progress, and how the last update went.

The download awaits on the event loop and validation runs on the usage service's worker,
so the UI thread never waits; the result is one line ("Prices updated: data of 2026-11-20",
"Already current") or a failure panel whose raw detail sits behind "Details".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from playground.ui.async_slot import async_slot
from playground.ui.widgets.message_error import MessageErrorPanel

if TYPE_CHECKING:
    from playground.usage.price_update import PriceData, PriceUpdateError, UpdateResult
    from playground.usage.service import UsageService


def _tr(text: str) -> str:
    return QCoreApplication.translate("UsagePanel", text)  # the panel's catalog context


class PriceDataBox(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("priceDataBox")
        self._service: UsageService | None = None
        self.url: str | None = None  # None: genai-prices' own address (tests set one)
        self.proxy = ""  # the active profile's proxy; "" = the environment's, if any
        self._table_date = ""  # the per-unit table's (images, audio) date
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 4, 0, 0)
        column.setSpacing(2)
        self.label = QLabel(self)
        self.label.setObjectName("pricesDateLabel")
        self.label.setAccessibleName(_tr("Price data in use"))
        self.label.setWordWrap(True)
        self.label.setEnabled(False)  # quieter text: a footnote
        column.addWidget(self.label)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        self.button = QToolButton(self)
        self.button.setObjectName("updatePricesButton")
        self.button.setText(_tr("Update prices"))
        self.button.setAccessibleName(_tr("Update prices"))
        self.button.setToolTip(_tr("Download the newest price data of genai-prices (kept "
                                   "for the next start; works offline after)"))
        self.button.setEnabled(False)  # until the usage service is attached
        self.button.clicked.connect(lambda: self.update_prices())
        row.addWidget(self.button)
        self.busy = QProgressBar(self)
        self.busy.setObjectName("pricesUpdateProgress")
        self.busy.setAccessibleName(_tr("Downloading prices"))
        self.busy.setRange(0, 0)  # the size is not known ahead: a busy bar
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(self.fontMetrics().height() // 2 + 2)
        self.busy.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.busy.hide()
        row.addWidget(self.busy, 1)
        row.addStretch(0)
        column.addLayout(row)
        self.status = QLabel(self)
        self.status.setObjectName("pricesUpdateStatus")
        self.status.setAccessibleName(_tr("Price update result"))
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.hide()
        column.addWidget(self.status)
        self.error = MessageErrorPanel(self)
        self.error.setObjectName("pricesUpdateError")
        self.error.hide()
        self.error.actionTriggered.connect(self._on_action)
        column.addWidget(self.error)

    # ---- fed by the panel --------------------------------------------------------------

    def attach(self, service: UsageService) -> None:
        self._service = service
        self.button.setEnabled(True)
        self.show_data()

    def set_table_date(self, date: str) -> None:
        if date != self._table_date:
            self._table_date = date
            self.show_data()

    def show_data(self) -> None:
        """The label: whose data prices tokens, and of when."""
        data = self._service.price_data if self._service is not None else None
        text = self.tr_data(data)
        if self._table_date:
            text = (_tr("Prices: %1 for tokens; images and audio from the table of %2")
                    .replace("%1", text).replace("%2", self._table_date))
        else:
            text = _tr("Prices: %1").replace("%1", text)
        self.label.setText(text)
        note = self._service.price_note if self._service is not None else None
        self.label.setToolTip(note or "")

    @staticmethod
    def tr_data(data: PriceData | None) -> str:
        if data is None:
            from playground.usage.genai_pricing import data_version

            return data_version()  # "genai-prices 0.2.3" while the worker loads it
        if data.origin == "download":
            return _tr("genai-prices data of %1 (downloaded)").replace("%1", data.date)
        if data.date:
            return (_tr("genai-prices %1 (built in, prices as of %2)")
                    .replace("%1", data.version).replace("%2", data.date))
        return _tr("genai-prices %1 (built in)").replace("%1", data.version)

    # ---- the update ---------------------------------------------------------------------

    @async_slot()
    async def update_prices(self) -> None:
        """Fetch newer price data; say how it went under the button."""
        from playground.usage.price_update import PriceUpdateError

        if self._service is None or not self.button.isEnabled():
            return
        self.button.setEnabled(False)
        self.busy.show()
        self.error.hide()
        self.status.setText(_tr("Downloading prices…"))
        self.status.show()
        try:
            result = await self._service.update_prices(self.url, self.proxy or None)
        except PriceUpdateError as exc:
            self.status.hide()
            self._show_failure(exc)
        else:
            self.status.setText(self._result_text(result))
        finally:
            self.busy.hide()
            self.button.setEnabled(True)
            self.show_data()

    def _result_text(self, result: UpdateResult) -> str:
        if not result.changed:
            return _tr("Already current")
        text = _tr("Prices updated: data of %1").replace("%1", result.data.date)
        self.status.setToolTip(", ".join(result.new_models))
        if result.new_models:
            shown = ", ".join(result.new_models[:3])
            if len(result.new_models) > 3:
                shown += " " + _tr("and %1 more").replace("%1", str(len(result.new_models) - 3))
            text += "\n" + _tr("Newly priced: %1").replace("%1", shown)
        return text

    def _show_failure(self, exc: PriceUpdateError) -> None:
        self.error.show_error(_tr("Prices not updated"), self._sentence(exc), None,
                              [("retryPrices", _tr("Try again"))],
                              raw=f"{exc}\n{exc.detail}".strip())
        self.error.show()

    @staticmethod
    def _sentence(exc: PriceUpdateError) -> str:
        """What failed, in the user's language; the prices in use stay as they were."""
        sentences = {
            "network": _tr("The price server could not be reached. Check the network "
                           "connection or the proxy."),
            "proxy": _tr("The proxy failed. Check the proxy address in the profile."),
            "timeout": _tr("The price server did not answer in time."),
            "http": _tr("The price server refused the request."),
            "too_large": _tr("The download is far too large to be price data."),
            "invalid": _tr("The download is not valid price data (it may be cut short)."),
            "no_openai": _tr("The download has no prices for OpenAI models."),
            "storage": _tr("The new prices could not be saved."),
            "no_folder": _tr("There is no data folder to keep prices in."),
        }
        sentence = sentences.get(exc.kind, str(exc))
        return sentence + " " + _tr("The prices in use are unchanged.")

    def _on_action(self, action: str) -> None:
        if action == "retryPrices":
            self.update_prices()
