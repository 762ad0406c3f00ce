"""What a reply shows beyond its text: the reasoning summary, function-call cards, its tokens
with probabilities, and a compact metrics line (time to first token, speed, finish, ids)."""

from __future__ import annotations

import html
import json

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from playground.services.chat_turns import ReplyMetrics, ToolCallRecord
from playground.ui.fonts import monospace_font
from playground.ui.theme_palette import error_text_color
from playground.ui.widgets.logprob_view import LogprobView


class ThinkingBlock(QFrame):
    """The reasoning summary, streamed; open while it streams, folded once the answer
    starts, one click to open again."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reasoningSummary")
        self.setAccessibleName(self.tr("Thinking"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.toggle = QToolButton(self)
        self.toggle.setObjectName("reasoningToggle")
        self.toggle.setAccessibleName(self.tr("Show or hide the reasoning summary"))
        self.toggle.setCheckable(True)
        self.toggle.setChecked(True)
        self.toggle.setAutoRaise(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.body = QLabel(self)
        self.body.setObjectName("reasoningText")
        self.body.setWordWrap(True)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.setEnabled(False)  # the palette's quieter text: it is not the answer
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 4)
        layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.body)
        self.toggle.toggled.connect(self._show)
        self._parts: list[str] = []
        self._show(True)

    def append(self, text: str) -> None:
        self._parts.append(text)
        if self.toggle.isChecked():
            self.body.setText("".join(self._parts))

    def set_text(self, text: str) -> None:
        self._parts = [text]
        self.body.setText(text)

    def text(self) -> str:
        return "".join(self._parts)

    def fold(self) -> None:
        self.toggle.setChecked(False)

    def _show(self, shown: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.toggle.setText(self.tr("Thinking"))
        if shown:
            self.body.setText("".join(self._parts))
        self.body.setVisible(shown)


class ToolCallCard(QFrame):
    """One function call: its name and arguments, and where the user types the result."""

    resultSubmitted = Signal(str, str)  # call id, result text

    def __init__(self, call: ToolCallRecord, result: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.call = call
        self.setObjectName("toolCallCard")
        self.setAccessibleName(self.tr("Function call %1").replace("%1", call.name))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        fixed = monospace_font()
        title = QLabel(self.tr("Calls %1").replace("%1", f"<b>{call.name}</b>"), self)
        arguments = QLabel(_pretty(call.arguments), self)
        arguments.setObjectName("toolCallArguments")
        arguments.setFont(fixed)
        arguments.setWordWrap(True)
        arguments.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result = QPlainTextEdit(self)
        self.result.setObjectName("toolResultEditor")
        self.result.setAccessibleName(self.tr("Result of %1").replace("%1", call.name))
        self.result.setPlaceholderText(self.tr("The function's result (text or JSON)"))
        self.result.setFont(fixed)
        self.result.setMaximumHeight(90)
        self.submit = QPushButton(self.tr("Send result"), self)
        self.submit.setObjectName("sendToolResultButton")
        self.submit.setAccessibleName(self.tr("Send the result to the model"))
        self.submit.clicked.connect(
            lambda: self.resultSubmitted.emit(call.id, self.result.toPlainText()))
        row = QHBoxLayout()
        row.addWidget(self.result, 1)
        row.addWidget(self.submit, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(title)
        layout.addWidget(arguments)
        layout.addLayout(row)
        if result is not None:
            self.show_result(result)

    def show_result(self, result: str) -> None:
        self.result.setPlainText(result)
        self.result.setReadOnly(True)
        self.submit.setVisible(False)


def _pretty(arguments: str) -> str:
    try:
        return json.dumps(json.loads(arguments), indent=2, ensure_ascii=False)
    except ValueError:
        return arguments  # shown as streamed: the model's JSON may be cut or invalid


class MetricsLine(QLabel):
    """“0.4 s to first token · 52 tok/s · 2.1 s · stop”; the details on hover."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("replyMetrics")
        self.setAccessibleName(self.tr("Reply metrics"))
        self.setWordWrap(True)  # a long line (tool costs) must not widen the message
        self.setEnabled(False)  # quieter text
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def show_metrics(self, metrics: ReplyMetrics, cost: str = "") -> None:
        parts = []
        if metrics.first_token_s is not None:
            parts.append(self.tr("%1 s to first token").replace(
                "%1", f"{metrics.first_token_s:.2f}"))
        if (speed := metrics.tokens_per_s) is not None:
            parts.append(self.tr("%1 tok/s").replace("%1", f"{speed:.0f}"))
        if metrics.total_s is not None:
            parts.append(self.tr("%1 s").replace("%1", f"{metrics.total_s:.1f}"))
        if metrics.finish:
            parts.append(metrics.finish)
        if cost:
            parts.append(cost)
        self.setText(" · ".join(parts))
        details = [(self.tr("API"), metrics.api), (self.tr("Request ID"), metrics.request_id),
                   (self.tr("Response ID"), metrics.response_id),
                   (self.tr("Service tier"), metrics.service_tier),
                   (self.tr("Output tokens"), str(metrics.output_tokens or ""))]
        self.setToolTip("\n".join(f"{name}: {value}" for name, value in details if value))
        self.setVisible(bool(parts))


class TokensSection(QWidget):
    """“Tokens” under a reply with logprobs: opens the token view (built on first open)."""

    def __init__(self, rows: list[object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tokensSection")
        self._rows = rows
        self.toggle = QToolButton(self)
        self.toggle.setObjectName("showTokensButton")
        self.toggle.setText(self.tr("Tokens (%1)").replace("%1", str(len(rows))))
        self.toggle.setAccessibleName(self.tr("Show the reply's tokens and probabilities"))
        self.toggle.setCheckable(True)
        self.toggle.setAutoRaise(True)
        self.heat = QCheckBox(self.tr("Heat map"), self)
        self.heat.setObjectName("heatMapCheck")
        self.heat.setAccessibleName(self.tr("Colour tokens by probability"))
        self.heat.setChecked(True)
        self.heat.setVisible(False)
        self.view: LogprobView | None = None
        row = QHBoxLayout()
        row.addWidget(self.toggle)
        row.addWidget(self.heat)
        row.addStretch(1)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addLayout(row)
        self.toggle.toggled.connect(self._open)
        self.heat.toggled.connect(self._render)

    def _open(self, shown: bool) -> None:
        if shown and self.view is None:
            self.view = LogprobView(self)
            self._layout.addWidget(self.view)
            self._render()
        if self.view is not None:
            self.view.setVisible(shown)
        self.heat.setVisible(shown)

    def _render(self) -> None:
        if self.view is not None:
            self.view.set_tokens(self._rows, heat_map=self.heat.isChecked())  # type: ignore[arg-type]


SOURCES_AT_ONCE = 12  # sources listed under a reply before "all N sources…"


def numbered_sources(citations: list[dict[str, object]]) -> list[tuple[str, str]]:
    """(url, title) of each cited source once, in order of first citation: [1], [2]…"""
    seen: dict[str, str] = {}
    for citation in citations:
        url = str(citation.get("url", ""))
        if url.startswith(("http://", "https://")) and url not in seen:
            seen[url] = str(citation.get("title", ""))
    return list(seen.items())


class SourcesLine(QLabel):
    """The sources a reply cites, numbered, each a link that opens in the browser."""

    def __init__(self, citations: list[dict[str, object]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("replySources")
        self.setAccessibleName(self.tr("Sources"))
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        # Numbered as the reply's [n] links are (chat_hosted_view.with_citation_links).
        self._links = [
            f'{n}. <a href="{html.escape(url, quote=True)}">{html.escape(title or url)}</a>'
            for n, (url, title) in enumerate(numbered_sources(citations), start=1)]
        self.linkActivated.connect(self._on_link)
        self._show(len(self._links) <= SOURCES_AT_ONCE)

    def _show(self, everything: bool) -> None:
        # Hundreds of links in a wrapped label take long to lay out: the first few, then
        # the rest when asked.
        links = self._links if everything else self._links[:SOURCES_AT_ONCE]
        more = "" if everything else ' · <a href="#all-sources">{}</a>'.format(
            html.escape(self.tr("all %1 sources…").replace("%1", str(len(self._links)))))
        self.setText(self.tr("Sources: %1").replace("%1", " · ".join(links)) + more)

    def _on_link(self, link: str) -> None:
        if link == "#all-sources":
            self._show(True)
        else:
            from PySide6.QtCore import QUrl
            from PySide6.QtGui import QDesktopServices

            QDesktopServices.openUrl(QUrl(link))


class JsonCheck(QLabel):
    """Whether a structured reply is valid JSON that matches its schema."""

    def __init__(self, problem: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("replyJsonCheck")
        self.setAccessibleName(self.tr("Structured output check"))
        self.setWordWrap(True)
        if problem:
            self.setText("✗ " + problem)
            self.setStyleSheet(f"color: {error_text_color(self.palette()).name()}")
        else:
            self.setText("✓ " + self.tr("Valid JSON, as the format asks"))


class ChoicesPanel(QWidget):
    """n > 1: every choice side by side; “Continue with this one” makes it the reply."""

    picked = Signal(int)

    def __init__(self, choices: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("replyChoices")
        self.setAccessibleName(self.tr("Choices"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 4, 0, 0)
        for index, text in enumerate(choices):
            column = QVBoxLayout()
            title = QLabel(self.tr("Choice %1").replace("%1", str(index + 1))
                           + (" — " + self.tr("in use") if index == 0 else ""), self)
            view = QTextBrowser(self)
            view.setObjectName(f"choiceText{index}")
            view.setAccessibleName(self.tr("Choice %1").replace("%1", str(index + 1)))
            view.setMarkdown(text)
            view.setMaximumHeight(220)
            column.addWidget(title)
            column.addWidget(view)
            if index:
                button = QPushButton(self.tr("Continue with this one"), self)
                button.setObjectName(f"pickChoiceButton{index}")
                button.setAccessibleName(self.tr("Continue with choice %1")
                                         .replace("%1", str(index + 1)))
                button.clicked.connect(lambda _=False, i=index: self.picked.emit(i))
                column.addWidget(button)
            row.addLayout(column, 1)
