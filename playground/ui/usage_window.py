"""The Usage view: spend per day over the last 30 days by model (stacked bars), totals, and
CSV export of the whole ledger. Everything it shows is read by the UsageService's worker.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from playground.model.money import axis_decimals, format_cost, full_cost
from playground.ui.async_slot import async_slot
from playground.usage.ledger import DaySpend
from playground.usage.service import UsageService

DAYS = 30


def spend_table(days: list[DaySpend], today: date, span: int = DAYS
                ) -> tuple[list[date], dict[str, list[float]]]:
    """Per model, one value per day (zeros included), oldest day first."""
    axis = [today - timedelta(days=span - 1 - i) for i in range(span)]
    index = {day: i for i, day in enumerate(axis)}
    series: dict[str, list[float]] = {}
    for entry in days:
        if entry.day in index:
            series.setdefault(entry.model, [0.0] * span)[index[entry.day]] += float(entry.cost)
    return axis, dict(sorted(series.items(), key=lambda kv: -sum(kv[1])))


class UsageWindow(QDialog):
    def __init__(self, service: UsageService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usageWindow")
        self.setWindowTitle(self.tr("Usage"))
        self.setAccessibleName(self.tr("Usage history"))
        self._service = service
        self._file_dialog: QFileDialog | None = None
        self.resize(760, 480)

        self._summary = QLabel()
        self._summary.setObjectName("usageSummaryLabel")
        self._summary.setAccessibleName(self.tr("Spend summary"))
        self._summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._status = QLabel()
        self._status.setObjectName("usageStatusLabel")
        self._status.setAccessibleName(self.tr("Export status"))
        self._status.setWordWrap(True)

        self._chart = QChart()
        self._chart.setTitle(self.tr("Spend per day, last 30 days (US$)"))
        self._chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self._chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self._view = QChartView(self._chart)
        self._view.setObjectName("usageChart")
        self._view.setAccessibleName(self.tr("Spend per day by model"))
        self._view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._follow_palette()

        self._refresh_button = QPushButton(self.tr("Refresh"))
        self._refresh_button.setObjectName("usageRefreshButton")
        self._refresh_button.setAccessibleName(self.tr("Refresh usage"))
        self._refresh_button.clicked.connect(self.refresh)
        self._export_button = QPushButton(self.tr("Export CSV…"))
        self._export_button.setObjectName("usageExportButton")
        self._export_button.setAccessibleName(self.tr("Export usage as CSV"))
        self._export_button.clicked.connect(self._choose_export_file)
        close = QPushButton(self.tr("Close"))
        close.setObjectName("usageCloseButton")
        close.setAccessibleName(self.tr("Close usage"))
        close.clicked.connect(self.accept)

        buttons = QHBoxLayout()
        buttons.addWidget(self._refresh_button)
        buttons.addWidget(self._export_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self._summary)
        layout.addWidget(self._view, 1)
        layout.addWidget(self._status)
        layout.addLayout(buttons)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()

    @async_slot()
    async def refresh(self) -> None:
        self._refresh_button.setEnabled(False)
        try:
            days = await self._service.daily_spend(DAYS)
            self.show_days(days, datetime.now().astimezone().date())
        except Exception as exc:  # the database is unavailable: say so, keep the window usable
            self._status.setText(self.tr("Cannot read the usage ledger: %1").replace("%1",
                                                                                      str(exc)))
        finally:
            self._refresh_button.setEnabled(True)

    def show_days(self, days: list[DaySpend], today: date) -> None:
        axis, series = spend_table(days, today)
        self._chart.removeAllSeries()
        for old in self._chart.axes():
            self._chart.removeAxis(old)
        stacked = QStackedBarSeries()
        for model, values in series.items():
            bar = QBarSet(model)
            bar.append(values)
            stacked.append(bar)
        self._chart.addSeries(stacked)
        categories = QBarCategoryAxis()
        categories.append([day.strftime("%m-%d") for day in axis])
        categories.setLabelsAngle(-90)  # 30 dates fit upright only in a very wide window
        categories.setTruncateLabels(False)
        categories.setGridLineVisible(False)
        dollars = QValueAxis()
        top = max((sum(column) for column in zip(*series.values(), strict=False)), default=0.0)
        dollars.setRange(0, max(top * 1.1, 0.01))
        # A day of a few tenths of a cent would read "$0.00" on every tick at 2 decimals.
        dollars.setLabelFormat(f"$%.{axis_decimals(max(top * 1.1, 0.01))}f")
        self._chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
        self._chart.addAxis(dollars, Qt.AlignmentFlag.AlignLeft)
        stacked.attachAxis(categories)
        stacked.attachAxis(dollars)
        self._follow_palette()
        total = sum((d.cost for d in days if d.day >= axis[0]), Decimal(0))
        this_month = sum((d.cost for d in days if (d.day.year, d.day.month)
                          == (today.year, today.month)), Decimal(0))
        today_total = sum((d.cost for d in days if d.day == today), Decimal(0))
        self._summary.setText(
            self.tr("Today %1 · this month %2 · last 30 days %3")
            .replace("%1", format_cost(today_total)).replace("%2", format_cost(this_month))
            .replace("%3", format_cost(total))
            + " · " + self.tr("%n model(s)", "", len(series)))
        self._summary.setToolTip(
            self.tr("Today %1 · this month %2 · last 30 days %3")
            .replace("%1", full_cost(today_total)).replace("%2", full_cost(this_month))
            .replace("%3", full_cost(total)))

    def _follow_palette(self) -> None:
        palette = self.palette()
        self._chart.setBackgroundBrush(palette.brush(QPalette.ColorRole.Base))
        self._chart.setTitleBrush(palette.brush(QPalette.ColorRole.Text))
        self._chart.legend().setLabelColor(palette.color(QPalette.ColorRole.Text))
        for axis in self._chart.axes():
            axis.setLabelsColor(palette.color(QPalette.ColorRole.Text))
            axis.setGridLineColor(palette.color(QPalette.ColorRole.Midlight))

    def _choose_export_file(self) -> None:
        dialog = QFileDialog(self, self.tr("Export usage"))
        dialog.setObjectName("usageExportDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("CSV files (*.csv)"))
        dialog.setDefaultSuffix("csv")
        dialog.selectFile(f"usage-{date.today().isoformat()}.csv")
        dialog.fileSelected.connect(self.export_to)
        self._file_dialog = dialog
        dialog.open()  # never exec(): it would nest an event loop inside qasync's

    @async_slot(str)
    async def export_to(self, path: str) -> None:
        self._export_button.setEnabled(False)
        try:
            rows = await self._service.export_csv(path)
            self._status.setText(self.tr("Exported %n request(s) to %1", "", rows)
                                 .replace("%1", path))
        except OSError as exc:
            self._status.setText(self.tr("Cannot write %1: %2").replace("%1", path)
                                 .replace("%2", exc.strerror or str(exc)))
        finally:
            self._export_button.setEnabled(True)
