"""The usage panel's sections and labels, built once; the panel fills them in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QProgressBar,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from playground.ui.widgets.price_data_box import PriceDataBox

if TYPE_CHECKING:
    from playground.ui.widgets.usage_panel import UsagePanel


def _tr(text: str) -> str:
    return QCoreApplication.translate("UsagePanel", text)  # the panel's catalog context


def build_usage_panel_layout(panel: UsagePanel) -> None:
    panel.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    panel.setMinimumWidth(200)
    column = QVBoxLayout(panel)
    column.setContentsMargins(8, 8, 8, 8)
    column.setSpacing(4)
    panel._sections = {}

    def section(title: str, name: str) -> QFormLayout:
        box = QWidget()
        box.setObjectName(f"{name}Section")
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 4, 0, 0)
        inner.setSpacing(4)
        header = QLabel(title)
        font = header.font()
        font.setBold(True)
        header.setFont(font)
        inner.addWidget(header)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setHorizontalSpacing(8)
        form.setVerticalSpacing(2)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        inner.addLayout(form)
        column.addWidget(box)
        panel._sections[name] = box
        return form

    def value(form: QFormLayout, name: str, label: str, accessible: str) -> QLabel:
        widget = QLabel("–")
        widget.setObjectName(name)
        widget.setAccessibleName(accessible)
        widget.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        widget.setWordWrap(True)
        form.addRow(label, widget)
        return widget

    draft = section(_tr("Next request"), "draft")
    panel._draft_tokens = value(draft, "draftTokensLabel", _tr("Prompt"),
                               _tr("Prompt tokens of the draft"))
    panel._context = QProgressBar()
    panel._context.setObjectName("contextBar")
    panel._context.setAccessibleName(_tr("Context window used"))
    panel._context.setTextVisible(True)
    panel._context.setFormat("–")
    panel._context.setValue(0)
    panel._context.setMaximumHeight(panel.fontMetrics().height() + 6)
    panel._context.setToolTip(_tr("Prompt tokens of the model's context window"))
    draft.addRow(panel._context)  # full width: "100,000 / 1,047,576" must fit
    panel._next_cost = value(draft, "nextCostLabel", _tr("Cost"),
                            _tr("Estimated cost of the next request"))

    last = section(_tr("Last request"), "last")
    panel._prompt = value(last, "promptTokensLabel", _tr("Prompt"),
                         _tr("Prompt tokens of the last request"))
    panel._completion = value(last, "completionTokensLabel", _tr("Completion"),
                             _tr("Completion tokens of the last request"))
    panel._cached = value(last, "cachedTokensLabel", _tr("Cached"),
                         _tr("Cached prompt tokens of the last request"))
    panel._reasoning = value(last, "reasoningTokensLabel", _tr("Reasoning"),
                            _tr("Reasoning tokens of the last request"))
    panel._request_cost = value(last, "requestCostLabel", _tr("Cost"),
                               _tr("Cost of the last request"))

    panel._estimated_note = QLabel(_tr("≈ counted here: the server sent no usage"))
    panel._estimated_note.setObjectName("estimatedNoteLabel")
    panel._estimated_note.setWordWrap(True)
    panel._estimated_note.setVisible(False)
    font = panel._estimated_note.font()
    font.setItalic(True)
    panel._estimated_note.setFont(font)
    column.addWidget(panel._estimated_note)

    totals = section(_tr("Spent"), "totals")
    panel._conversation_cost = value(totals, "conversationCostLabel", _tr("Conversation"),
                                    _tr("Cost of this conversation"))
    panel._session_cost = value(totals, "sessionCostLabel", _tr("Session"),
                               _tr("Cost since the app started"))
    panel._today_cost = value(totals, "todayCostLabel", _tr("Today"),
                             _tr("Cost today"))
    panel._month_cost = value(totals, "monthCostLabel", _tr("This month"),
                             _tr("Cost this month"))

    panel._budget = QLabel()
    panel._budget.setObjectName("budgetWarningLabel")
    panel._budget.setAccessibleName(_tr("Budget warning"))
    panel._budget.setWordWrap(True)
    panel._budget.setVisible(False)
    column.addWidget(panel._budget)

    limits = section(_tr("Rate limits"), "limits")
    panel._rate_requests = value(limits, "rateLimitRequestsLabel", _tr("Requests"),
                                _tr("Requests left in the rate limit"))
    panel._rate_tokens = value(limits, "rateLimitTokensLabel", _tr("Tokens"),
                              _tr("Tokens left in the rate limit"))
    # Lines are broken where they should be (and numbers compact); QFormLayout clips a
    # word-wrapped label whose wrapping adds a line, so these two do not wrap.
    for label in (panel._rate_requests, panel._rate_tokens):
        label.setWordWrap(False)
    # Which data prices tokens, of when, and "Update prices" (price_data_box.py).
    panel._price_box = PriceDataBox(panel)
    column.addWidget(panel._price_box)
    column.addStretch(1)
