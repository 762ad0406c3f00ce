"""Prompt contents: variables, filling, chat messages, saving a conversation, rendering."""

from __future__ import annotations

import pytest

from playground.model.prompt_template import MissingVariables
from playground.model.prompts import (
    PromptContent,
    PromptMessage,
    PromptVersion,
    content_from_chat,
    diff_text,
    render_text,
)
from playground.model.types import ChatMessage, ImageInput, ToolCall


def test_variables_come_from_instructions_and_messages_in_order() -> None:
    c = PromptContent("You help {{user}} in {{城市}}.",
                      (PromptMessage("user", "{{question}} ({{user}})"),))
    assert c.variables() == ["user", "城市", "question"]


def test_filled_replaces_everywhere_and_names_all_missing() -> None:
    c = PromptContent("Hi {{a}}", (PromptMessage("user", "{{b}} {{a}}"),), "m", {"t": 1})
    done = c.filled({"a": "A", "b": "B"})
    assert (done.instructions, done.messages[0].text, done.model) == ("Hi A", "B A", "m")
    with pytest.raises(MissingVariables) as caught:
        c.filled({})
    assert caught.value.names == ["a", "b"]


def test_chat_messages_put_instructions_first_as_system() -> None:
    c = PromptContent("Be brief.", (PromptMessage("user", "Hi"),))
    assert [(m.role, m.content) for m in c.chat_messages()] == [("system", "Be brief."),
                                                                ("user", "Hi")]
    assert PromptContent("  ").chat_messages() == []


def test_a_conversation_becomes_content_with_its_settings() -> None:
    messages = [ChatMessage("system", "Be kind."), ChatMessage("developer", "Use metric."),
                ChatMessage("user", "How tall?", images=[ImageInput("data:x")]),
                ChatMessage("assistant", "", tool_calls=[ToolCall("c1", "height", "{}")]),
                ChatMessage("tool", "2.0", tool_call_id="c1"), ChatMessage("assistant", "2 m")]
    settings = {"model": "gpt-5.4", "temperature": 0.3, "top_p": None, "stop": [],
                "functions": [{"name": "f"}], "schema": {"type": "object"}}
    c = content_from_chat(messages, settings)
    assert c.instructions == "Be kind.\n\nUse metric."
    assert c.messages == (PromptMessage("user", "How tall?"), PromptMessage("assistant", "2 m"))
    assert (c.model, dict(c.settings)) == ("gpt-5.4", {"temperature": 0.3})
    assert c.tools == ({"name": "f"},) and c.response_schema == {"type": "object"}


def test_render_and_diff_are_stable_and_readable() -> None:
    a = PromptContent("Line one\nLine two", (PromptMessage("user", "Q"),), "m",
                      {"top_p": 1, "temperature": 0.5})
    text = render_text(a)
    assert text.splitlines()[:4] == ["Model: m", "Settings:", "  temperature: 0.5",
                                     "  top_p: 1"]
    assert "  Line one\n  Line two\nMessages:\n  [user]\n    Q\n" in text
    b = PromptContent("Line one\nLine 2", (PromptMessage("user", "Q"),), "m",
                      {"temperature": 0.5, "top_p": 1})
    diff = diff_text(PromptVersion(1, 1, "", 0, a), PromptVersion(1, 2, "", 0, b))
    assert [line for line in diff.splitlines() if line[:1] in "+-"] == [
        "--- v1", "+++ v2", "-  Line two", "+  Line 2"]
