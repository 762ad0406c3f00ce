"""What other windows hand to the chat: a saved prompt ("Use in chat"), a compare pane's
reply ("Continue with this one"), and the chat's own conversation saved as a prompt.

A handed-over prompt starts a new conversation with the prompt's settings; its earlier
messages are stored as turns and its last user message waits in the input, so the user sees
what will be sent (and what it costs) before pressing Send.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from playground.model.types import ChatMessage, ChatRequest
from playground.services.reply_options import ReplyOptions

if TYPE_CHECKING:
    from playground.model.prompts import PromptContent, PromptVersion
    from playground.ui.tabs.chat import ChatTab

# Settings a prompt keeps that belong to the Reply page rather than the sliders.
_REPLY_KEYS = ("verbosity", "response_format", "schema_name", "reasoning_summary", "strict",
               "tool_choice", "api")


async def use_prompt(tab: ChatTab, version: PromptVersion, values: dict[str, str]) -> None:
    """"Use in chat" in the prompt library: the version, filled with the form's values."""
    content = version.content.filled(values)
    await _start(tab, content.model, content.instructions, dict(content.settings),
                 _reply_options(content), [m for m in content.chat_messages()
                                           if m.role != "system"], "")


def _reply_options(content: PromptContent) -> ReplyOptions:
    reply = {k: v for k, v in content.settings.items() if k in _REPLY_KEYS}
    reply["functions"] = [dict(t) for t in content.tools]
    if content.response_schema is not None:
        reply["schema"] = content.response_schema
        reply.setdefault("response_format", "json_schema")
    return ReplyOptions.from_state(reply)


async def continue_compared(tab: ChatTab, profile_name: str, request: ChatRequest,
                            reply: str) -> None:
    """"Continue with this one" in the compare view: that pane's profile, model, settings and
    exchange become a normal conversation."""
    window = tab.window()
    picker = getattr(window, "profile_picker", None)
    if picker is not None and picker.currentText() != profile_name:
        picker.setCurrentText(profile_name)  # switches the profile, as the user would
    system = next((m.content for m in request.messages if m.role == "system"), "")
    turns = [m for m in request.messages if m.role != "system"]
    turns.append(ChatMessage("assistant", reply))
    settings: dict[str, Any] = {
        "temperature": request.temperature, "top_p": request.top_p,
        "max_tokens": request.max_tokens, "reasoning_effort": request.reasoning_effort}
    await _start(tab, request.model, system, settings, None, turns, "", keep_last=True)


async def _start(tab: ChatTab, model: str, system: str, settings: dict[str, Any],
                 reply: ReplyOptions | None, messages: list[ChatMessage], title: str, *,
                 keep_last: bool = False) -> None:
    if tab.session is None:
        return
    await tab.new_conversation()
    if model:
        tab.params.model_picker.setEditText(model)
    tab.params.system_prompt.setPlainText(system)
    tab.params.restore(settings)
    if reply is not None:
        tab.options.restore(reply)
    waiting = ""
    if not keep_last and messages and messages[-1].role == "user":
        waiting = messages.pop().content
    await tab.session.start_from(messages, title)
    tab.input.setPlainText(waiting)
    tab.input.setFocus()
    tab.window().activateWindow()
    tab.draftChanged.emit()


def conversation_as_prompt(tab: ChatTab) -> tuple[list[ChatMessage], dict[str, Any]]:
    """The shown conversation and the chat's settings, as "Save as prompt" takes them."""
    from playground.services.chat_turns import context_messages

    controls = tab.controls()
    turns = tab.session.turns if tab.session is not None else []
    messages = context_messages(controls.system_prompt, turns)
    options = controls.options
    settings: dict[str, Any] = {**controls.params, "model": controls.model}
    settings.pop("reply", None)
    settings.update({k: v for k, v in options.state().items() if k in _REPLY_KEYS})
    if options.functions:
        settings["functions"] = options.functions
    if options.schema:
        settings["schema"] = options.schema
    return messages, settings
