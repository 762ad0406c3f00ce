"""Budget caps per profile and the user's pricing file, in one small preferences dialog."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from playground.ui.async_slot import async_slot
from playground.usage.budget import BudgetCaps, CapError, parse_cap
from playground.usage.service import UsageService

PRICING_TEMPLATE = """\
# Your prices override the shipped ones entry by entry (US dollars).
# Same layout as the shipped file; for example:
#
# [chat."gpt-4o"]
# input = 2.50          # per 1M input tokens
# cached_input = 1.25   # per 1M cached input tokens
# output = 10.00        # per 1M output tokens
#
# [chat."my-local-model"]
# input = 0
# output = 0
"""


class BudgetDialog(QDialog):
    def __init__(self, service: UsageService, profiles: list[str], pricing_file: Path,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("budgetDialog")
        self.setWindowTitle(self.tr("Budget and prices"))
        self._service = service
        self._pricing_file = pricing_file

        self._profile = QComboBox()
        self._profile.setObjectName("budgetProfilePicker")
        self._profile.setAccessibleName(self.tr("Profile"))
        self._profile.addItems(profiles)
        self._profile.currentTextChanged.connect(self._load_caps)
        self._daily = self._amount("dailyCapEdit", self.tr("Daily cap in dollars"))
        self._monthly = self._amount("monthlyCapEdit", self.tr("Monthly cap in dollars"))
        self._save = QPushButton(self.tr("Save caps"))
        self._save.setObjectName("saveCapsButton")
        self._save.setAccessibleName(self.tr("Save budget caps"))
        self._save.clicked.connect(self.save_caps)
        self._cap_message = self._message("capMessageLabel", self.tr("Budget message"))

        caps = QGroupBox(self.tr("Budget caps (empty = no cap)"))
        form = QFormLayout(caps)
        form.addRow(self.tr("Profile"), self._profile)
        form.addRow(self.tr("Daily ($)"), self._daily)
        form.addRow(self.tr("Monthly ($)"), self._monthly)
        form.addRow(self._cap_message)
        form.addRow(self._save)

        prices = QGroupBox(self.tr("Prices"))
        self._prices_info = self._message("pricesInfoLabel", self.tr("Price list"))
        self._price_message = self._message("pricingMessageLabel", self.tr("Pricing file message"))
        open_file = QPushButton(self.tr("Open my pricing file"))
        open_file.setObjectName("openPricingButton")
        open_file.setAccessibleName(self.tr("Open the user pricing file"))
        open_file.clicked.connect(self.open_pricing_file)
        self._reload = QPushButton(self.tr("Reload prices"))
        self._reload.setObjectName("reloadPricingButton")
        self._reload.setAccessibleName(self.tr("Reload prices"))
        self._reload.clicked.connect(self.reload_prices)
        row = QHBoxLayout()
        row.addWidget(open_file)
        row.addWidget(self._reload)
        row.addStretch(1)
        column = QVBoxLayout(prices)
        column.addWidget(self._prices_info)
        column.addLayout(row)
        column.addWidget(self._price_message)

        close = QPushButton(self.tr("Close"))
        close.setObjectName("budgetCloseButton")
        close.setAccessibleName(self.tr("Close"))
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(caps)
        layout.addWidget(prices)
        layout.addWidget(close)
        self.setMinimumWidth(420)
        self._show_price_book_info()
        self._load_caps(self._profile.currentText())

    def _amount(self, name: str, accessible: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setPlaceholderText(self.tr("no cap"))
        return edit

    def _message(self, name: str, accessible: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setAccessibleName(accessible)
        label.setWordWrap(True)
        return label

    def _load_caps(self, profile: str) -> None:
        """Show the profile's saved caps, unless the user types before they arrive."""
        if profile:
            self._show_saved_caps(profile, (self._daily.text(), self._monthly.text()))

    @async_slot()
    async def _show_saved_caps(self, profile: str, shown: tuple[str, str]) -> None:
        caps = await self._service.caps(profile)
        if (self._profile.currentText() != profile
                or (self._daily.text(), self._monthly.text()) != shown):
            return  # typed into (or switched profile) while loading: what is there now wins
        self._daily.setText("" if caps.daily is None else f"{caps.daily}")
        self._monthly.setText("" if caps.monthly is None else f"{caps.monthly}")
        self._cap_message.clear()

    @async_slot()
    async def save_caps(self) -> None:
        profile = self._profile.currentText()
        try:
            caps = BudgetCaps(self._parse(self._daily, self.tr("Daily cap")),
                              self._parse(self._monthly, self.tr("Monthly cap")))
        except CapError as exc:  # the typed text stays in the field for the user to fix
            self._cap_message.setText(str(exc))
            return
        self._save.setEnabled(False)
        try:
            await self._service.set_caps(profile, caps)
            self._cap_message.setText(self.tr("Saved the caps of %1.").replace("%1", profile))
        except Exception as exc:  # the database refused: keep the fields, say why
            self._cap_message.setText(self.tr("Cannot save the caps: %1").replace("%1", str(exc)))
        finally:
            self._save.setEnabled(True)

    def _parse(self, edit: QLineEdit, what: str) -> Decimal | None:
        try:
            return parse_cap(edit.text())
        except CapError as exc:
            edit.setFocus()
            raise CapError(f"{what}: {exc}") from None

    def open_pricing_file(self) -> None:
        """Create the file with a commented example if needed, then open it in an editor."""
        try:
            if not self._pricing_file.exists():
                self._pricing_file.parent.mkdir(parents=True, exist_ok=True)
                self._pricing_file.write_text(PRICING_TEMPLATE, encoding="utf-8")
        except OSError as exc:
            self._price_message.setText(self.tr("Cannot create %1: %2")
                                        .replace("%1", str(self._pricing_file))
                                        .replace("%2", exc.strerror or str(exc)))
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._pricing_file)))
        self._price_message.setText(self.tr("Edit %1, save it, then press Reload prices.")
                                    .replace("%1", str(self._pricing_file)))

    @async_slot()
    async def reload_prices(self) -> None:
        self._reload.setEnabled(False)
        try:
            problem = await self._service.reload_prices()
            self._price_message.setText(problem or self.tr("Prices reloaded."))
            self._show_price_book_info()
        finally:
            self._reload.setEnabled(True)

    def _show_price_book_info(self) -> None:
        book = self._service.prices
        self._prices_info.setText(
            self.tr("Shipped prices of %1 (%2). Your file: %3")
            .replace("%1", book.date).replace("%2", book.source)
            .replace("%3", str(self._pricing_file)))
        if book.problem:
            self._price_message.setText(book.problem)
