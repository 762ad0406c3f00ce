"""The hosted tool side of a reply in the chat view: a card per call (made when the call
starts, updated as it streams, rebuilt when a conversation is reopened), numbered citation
links in the text, and the Approve/Deny answers of MCP approval cards."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from playground.model.types import MessageStatus
from playground.services.chat_turns import APPROVAL, HostedCallRecord, ReplyMetrics, Turn
from playground.ui.async_slot import async_slot
from playground.ui.widgets.hosted_cards import HostedCard, McpApprovalCard, card_for
from playground.ui.widgets.reply_extras import numbered_sources

if TYPE_CHECKING:
    from playground.services.chat_session import ChatSession
    from playground.ui.widgets.message_view import MessageView
    from playground.ui.widgets.message_widget import MessageWidget

def _tr(text: str) -> str:
    return QCoreApplication.translate("ChatTab", text)


def with_citation_links(text: str, citations: list[dict[str, object]]) -> str:
    """The reply's Markdown with a numbered link after each cited span: "… [2](url)"."""
    numbers = {url: n for n, (url, _title) in enumerate(numbered_sources(citations), start=1)}
    marks: dict[int, list[str]] = {}
    for citation in citations:
        url = str(citation.get("url", ""))
        end = citation.get("end")
        if url in numbers and isinstance(end, int) and 0 <= end <= len(text):
            link = f"\u2009[\\[{numbers[url]}\\]]({url.replace(')', '%29').replace(' ', '%20')})"
            if link not in marks.setdefault(end, []):
                marks[end].append(link)
    parts: list[str] = []
    last = 0
    for end in sorted(marks):
        parts.append(text[last:end])
        parts.append("".join(marks[end]))
        last = end
    parts.append(text[last:])
    return "".join(parts)


def tool_use_text(metrics: ReplyMetrics) -> str:
    """“tools: web search ×2, image ×1 $0.05” for the metrics line ("" when none)."""
    from decimal import Decimal

    from playground.model.money import format_cost

    parts = []
    if metrics.web_searches:
        parts.append(_tr("web search ×%1").replace("%1", str(metrics.web_searches)))
    if metrics.code_sessions:
        parts.append(_tr("code session ×%1").replace("%1", str(metrics.code_sessions)))
    if metrics.images:
        parts.append(_tr("image ×%1").replace("%1", str(metrics.images)))
    if not parts:
        return ""
    cost = format_cost(Decimal(metrics.tool_cost)) if metrics.tool_cost else _tr("price unknown")
    return _tr("tools: %1 %2").replace("%1", ", ".join(parts)).replace("%2", cost)


class HostedRenderer(QObject):
    def __init__(self, view: MessageView, session: ChatSession) -> None:
        super().__init__(view)
        self.view = view
        self.session = session
        session.reply.tool.connect(self.call_changed)
        session.busy_changed.connect(lambda _busy: self._refresh_answerable())

    def call_changed(self, turn: Turn, record: HostedCallRecord) -> None:
        widget = self.view.message(turn.id)
        if widget is not None:
            self._card(turn, widget, record).changed(record)

    def show(self, turn: Turn, widget: MessageWidget) -> None:
        """Every call's card (a reopened reply), and numbered citations once it is done."""
        for record in turn.details.hosted:
            self._card(turn, widget, record).changed(record)
        if turn.details.citations and turn.status != MessageStatus.STREAMING:
            # Re-rendering a long reply takes tens of ms: in a turn of its own, so it does
            # not add up with the cards and the sources list drawn just now.
            QTimer.singleShot(0, widget, lambda: self._number_citations(turn, widget))
        self._refresh_answerable()

    def _number_citations(self, turn: Turn, widget: MessageWidget) -> None:
        shown = self.display_text(turn)
        if widget.text != shown:
            widget.set_text(shown)

    @staticmethod
    def display_text(turn: Turn) -> str:
        """What the reply shows: its text, with numbered source links once complete."""
        if not turn.details.citations or turn.status == MessageStatus.STREAMING:
            return turn.content
        return with_citation_links(turn.content, turn.details.citations)

    def _card(self, turn: Turn, widget: MessageWidget, record: HostedCallRecord) -> HostedCard:
        for card in widget.findChildren(HostedCard):
            if card.record.id == record.id:
                return card
        widget.build()
        card = card_for(record, widget)
        if isinstance(card, McpApprovalCard):
            card.answered.connect(
                lambda request_id, approve, t=turn: self.answer(t, request_id, approve))
        widget.above_text.addWidget(card)
        return card

    def _refresh_answerable(self) -> None:
        """Approval cards can be answered while no reply is running."""
        running = self.session.is_running()
        for turn in self.session.turns[self.session.shown_from:]:
            if not any(h.kind == APPROVAL for h in turn.details.hosted):
                continue
            widget = self.view.message(turn.id)
            if widget is None:
                continue
            later = self.session.turns[self.session.turns.index(turn) + 1:]
            pending = {h.id for h in turn.pending_approvals(later)}
            for card in widget.findChildren(McpApprovalCard):
                card.set_answerable(not running and card.record.id in pending)

    @async_slot(object, str, bool)
    async def answer(self, turn: Turn, request_id: str, approve: bool) -> None:
        await self.session.answer_approval(turn, request_id, approve)
