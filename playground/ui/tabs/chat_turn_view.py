"""Shows a chat session's turns in the MessageView: what the session emits, drawn.

The session decides what happened (a turn added, text arrived, a retry countdown, how a reply
ended); this class decides how it looks, phrasing failures through ui/failures.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from playground.model.types import MessageStatus
from playground.services.chat_turns import Countdown, ReplyEnd, ReplyOutcome, Turn
from playground.ui.failures import FailureView, describe, interrupted_view, stopped_view
from playground.ui.tabs.chat_images import image_bytes
from playground.ui.widgets.file_search_card import show_file_searches
from playground.ui.widgets.reply_extras import (
    ChoicesPanel,
    JsonCheck,
    MetricsLine,
    SourcesLine,
    ThinkingBlock,
    TokensSection,
    ToolCallCard,
)


def pretty_json(text: str) -> str:
    import json

    return json.dumps(json.loads(text), indent=2, ensure_ascii=False)


if TYPE_CHECKING:
    from playground.services.chat_session import ChatSession
    from playground.ui.widgets.message_view import MessageView
    from playground.ui.widgets.message_widget import MessageWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("ChatTab", text)


def _stopped(turn: Turn, view: FailureView) -> FailureView:
    """Stop on a background run also cancels it on the server: the note says so."""
    if not turn.details.background.get("cancel_requested"):
        return view
    from dataclasses import replace

    return replace(view, detail=_tr("The server was asked to cancel the background run."))


class TurnRenderer:
    def __init__(self, view: MessageView, session: ChatSession,
                 tool_result: Callable[[Turn, str, str], object],
                 pick_choice: Callable[[Turn, int], object]) -> None:
        self.view = view
        self.session = session
        self._tool_result = tool_result  # (turn, call id, result): the tab sends it
        self._pick_choice = pick_choice  # (turn, choice index): the tab makes it the reply
        session.turn_added.connect(self.show_turn)
        session.turns_removed.connect(lambda turn: view.remove_from(turn.id))
        session.reply_resumed.connect(self._resumed)
        session.reply.text.connect(self._text)
        session.reply.countdown.connect(self._countdown)
        session.reply.ended.connect(self._ended)
        session.conversation_opened.connect(lambda _conv, turns: self.show_opened(turns))
        session.forks_changed.connect(self.show_alternatives)
        session.reply.reasoning.connect(self._reasoning)
        session.details_changed.connect(self._details_changed)
        from playground.ui.tabs.chat_hosted_view import HostedRenderer

        self.hosted = HostedRenderer(view, session)
        session.reply.file_search.connect(self._file_search)
        from playground.ui.tabs.chat_background import BackgroundView

        self.background = BackgroundView(view, session)

    def _widget(self, turn: Turn) -> MessageWidget | None:
        return self.view.message(turn.id)

    def show_turn(self, turn: Turn) -> None:
        if turn.role == "tool":
            self.result_stored(turn)  # shown in its call's card, not as a message of its own
            return
        widget = self.view.add_message(turn.id, turn.role, self.hosted.display_text(turn),
                                       images=[image_bytes(i) for i in turn.images],
                                       status=str(turn.status), model=turn.model)
        self._decorate(turn, widget)
        self.show_details(turn, widget)

    def show_opened(self, turns: list[Turn]) -> None:
        self.view.clear()
        for turn in turns:
            self.show_turn(turn)
        self.view.set_has_earlier(self.session.shown_from > 0)

    def show_earlier(self) -> None:
        earlier = self.session.earlier_page()
        self.view.prepend_messages([
            (t.id, t.role, self.hosted.display_text(t), [image_bytes(i) for i in t.images],
             str(t.status), t.model) for t in earlier])
        for turn in earlier:
            widget = self._widget(turn)
            if widget is not None:
                self._decorate(turn, widget)
                self.show_details(turn, widget)
                widget.set_alternatives(self.session.alternative_of(turn))
        self.view.set_has_earlier(self.session.shown_from > 0)

    def show_alternatives(self) -> None:
        for turn in self.session.turns[self.session.shown_from:]:
            widget = self._widget(turn)
            if widget is not None:
                widget.set_alternatives(self.session.alternative_of(turn))

    def show_details(self, turn: Turn, widget: MessageWidget) -> None:
        """The reasoning summary above the text, the metrics line below it."""
        details = turn.details
        if details.reasoning:
            thinking = self.thinking(turn, widget)
            thinking.set_text(details.reasoning)
            if turn.status != MessageStatus.STREAMING:
                thinking.fold()
        if details.hosted or details.citations:
            self.hosted.show(turn, widget)
        if details.file_searches:
            self._file_search(turn, widget)
        if details.tool_calls and turn.status != MessageStatus.STREAMING:
            self._show_calls(turn, widget)
        if len(details.choices) > 1 and turn.status != MessageStatus.STREAMING:
            self._show_choices(turn, widget)
        if details.citations and widget.findChild(SourcesLine) is None:
            widget.build()
            widget.below_text.addWidget(SourcesLine(details.citations, widget))
        if details.json_problem is not None and widget.findChild(JsonCheck) is None:
            widget.build()
            widget.below_text.addWidget(JsonCheck(details.json_problem, widget))
            if not details.json_problem:  # valid: shown pretty-printed, stored as sent
                widget.set_text("```json\n" + pretty_json(turn.content) + "\n```")
        if details.logprobs and widget.findChild(TokensSection) is None:
            widget.build()
            widget.below_text.addWidget(TokensSection(details.logprobs, widget))
        if turn.role == "assistant" and details.metrics.total_s is not None:
            widget.build()
            metrics = widget.findChild(MetricsLine)
            if metrics is None:
                metrics = MetricsLine(widget)
                widget.below_text.addWidget(metrics)
            cost = ""
            if details.metrics.cost:
                from decimal import Decimal

                from playground.model.money import format_cost

                cost = ("≈ " if details.metrics.cost_estimated else "") + format_cost(
                    Decimal(details.metrics.cost))
            from playground.ui.tabs.chat_hosted_view import tool_use_text

            tools = tool_use_text(details.metrics)
            metrics.show_metrics(details.metrics, " · ".join(p for p in (cost, tools) if p))

    def _show_calls(self, turn: Turn, widget: MessageWidget) -> None:
        widget.build()
        shown = {card.call.id for card in widget.findChildren(ToolCallCard)}
        results = {t.details.tool_call_id: t.content for t in self.session.turns
                   if t.role == "tool"}
        for call in turn.details.tool_calls:
            if call.id not in shown:
                card = ToolCallCard(call, results.get(call.id), widget)
                card.resultSubmitted.connect(
                    lambda call_id, text, t=turn: self._tool_result(t, call_id, text))
                widget.below_text.addWidget(card)

    def result_stored(self, tool_turn: Turn) -> None:
        """A function's result was stored: its card shows it, read-only."""
        for turn in reversed(self.session.turns):
            widget = self._widget(turn)
            if widget is None or not turn.details.tool_calls:
                continue
            for card in widget.findChildren(ToolCallCard):
                if card.call.id == tool_turn.details.tool_call_id:
                    card.show_result(tool_turn.content)
                    return

    def thinking(self, turn: Turn, widget: MessageWidget) -> ThinkingBlock:
        """The message's Thinking block (made on first use; it lives and dies with it)."""
        widget.build()
        block = widget.findChild(ThinkingBlock)
        if block is None:
            block = ThinkingBlock(widget)
            widget.above_text.addWidget(block)
        return block

    def _decorate(self, turn: Turn, widget: MessageWidget) -> None:
        """Errors and interruptions saved with a message are shown again when it is reopened."""
        if turn.status == MessageStatus.INTERRUPTED and turn.details.stopped:
            widget.show_view(_stopped(turn, stopped_view(partial=bool(turn.content))))
        elif turn.status == MessageStatus.INTERRUPTED:
            widget.show_view(interrupted_view(turn.error))
        elif turn.status == MessageStatus.ERROR and turn.error is not None:
            widget.show_view(describe(turn.error))

    def _resumed(self, turn: Turn) -> None:
        widget = self._widget(turn)
        if widget is not None:
            widget.clear_error()
            widget.set_status(str(MessageStatus.STREAMING))

    def _details_changed(self, turn: Turn) -> None:
        widget = self._widget(turn)
        if widget is not None:
            shown = self.hosted.display_text(turn)  # with citation links, if any
            if widget.text != shown:  # another choice was picked
                widget.set_text(shown)
            self.show_details(turn, widget)

    def _show_choices(self, turn: Turn, widget: MessageWidget) -> None:
        widget.build()
        old = widget.findChild(ChoicesPanel)
        if old is not None:
            old.setParent(None)
            old.deleteLater()
        panel = ChoicesPanel(turn.details.choices, widget)
        panel.picked.connect(lambda index: self._pick_choice(turn, index))
        widget.below_text.insertWidget(0, panel)

    def _file_search(self, turn: Turn, widget: MessageWidget | None = None) -> None:
        """File search cards above the text: the search came before the answer."""
        widget = widget or self._widget(turn)
        if widget is not None:
            widget.build()
            show_file_searches(widget, widget.above_text, turn.details)

    def _reasoning(self, turn: Turn, text: str) -> None:
        widget = self._widget(turn)
        if widget is not None:
            self.thinking(turn, widget).append(text)

    def _text(self, turn: Turn, text: str) -> None:
        widget = self._widget(turn)
        if widget is not None:
            widget.append_text(text)

    def _countdown(self, countdown: Countdown) -> None:
        widget = self._widget(countdown.turn)
        if widget is None:
            return
        if countdown.failure is None:
            widget.show_countdown("")
            return
        widget.show_countdown(_tr("%1 Retrying in %2 s (attempt %3)…")
                              .replace("%1", describe(countdown.failure).title)
                              .replace("%2", str(countdown.seconds_left))
                              .replace("%3", str(countdown.attempt)))

    def _ended(self, outcome: ReplyOutcome) -> None:
        widget = self._widget(outcome.turn)
        if widget is None:
            return
        widget.finish()
        widget.set_status(str(outcome.turn.status))
        self.show_details(outcome.turn, widget)
        request_id = outcome.request_id
        if outcome.end == ReplyEnd.LENGTH:
            widget.show_error(_tr("The reply reached the maximum tokens and stopped."),
                              _tr("Raise “Maximum tokens” or continue the reply."),
                              request_id, [("continue", _tr("Continue"))])
        elif outcome.end == ReplyEnd.CONTENT_FILTER:
            widget.show_error(_tr("The reply was stopped by the content filter."), "",
                              request_id, [("retry", _tr("Retry"))])
        elif outcome.end == ReplyEnd.STOPPED:
            widget.show_view(_stopped(outcome.turn, stopped_view(partial=outcome.partial,
                                                                 request_id=request_id)))
        elif outcome.end == ReplyEnd.FAILED and outcome.failure is not None:
            widget.show_view(describe(outcome.failure, partial=outcome.partial))
