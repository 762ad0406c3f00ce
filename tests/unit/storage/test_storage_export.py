"""storage.export: Markdown for people, JSON in the chat-completions format for replay."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from playground.model.types import ApiFailure, FailureKind, ImageInput, Usage
from playground.storage.export import EXPORT_FORMAT, to_json, to_markdown
from playground.storage.history import Conversation, History, MessageStatus, StoredMessage

CODE_REPLY = (
    "Here you go:\n\n```python\ndef add(a, b):\n    return a + b  # **not bold**\n```\n\n"
    "Done."
)


@pytest.fixture
def stored(tmp_path: Path) -> tuple[Conversation, list[StoredMessage]]:
    history = History(tmp_path / "h.sqlite3")
    chat = history.create_conversation(
        "Adding numbers", model="gpt-4o", system_prompt="You write Python.",
        params={"temperature": 0.3, "api_key": "sk-should-never-appear",
                "extra_headers": {"Authorization": "Bearer sk-nope"}},
    )
    history.add_message(chat.id, "user", "Write add() and look at this",
                        images=[ImageInput("data:image/png;base64,AAAA", "low"),
                                ImageInput("file:///home/me/media/chart.png", "high")])
    history.add_message(chat.id, "assistant", CODE_REPLY, model="gpt-4o",
                        usage=Usage(20, 30), request_id="req_1")
    history.add_message(chat.id, "user", "中文也可以吗？")
    cut = history.add_message(chat.id, "assistant", "可以，", status=MessageStatus.STREAMING)
    history.update_message_content(cut.id, "可以，当然", MessageStatus.INTERRUPTED)
    failed = history.add_message(chat.id, "assistant", "", status=MessageStatus.STREAMING)
    history.set_message_error(failed.id, ApiFailure(FailureKind.QUOTA, "Add credit to continue.",
                                                    "req_2", code="insufficient_quota"))
    conversation = history.get_conversation(chat.id)
    messages = history.load_messages(chat.id)
    history.close()
    assert conversation is not None
    return conversation, messages


def test_markdown_has_role_headings_verbatim_code_and_noted_images(
    stored: tuple[Conversation, list[StoredMessage]],
) -> None:
    text = to_markdown(*stored)
    assert text.startswith("# Adding numbers\n\nModel: `gpt-4o` · Exported ")
    assert "## System\n\nYou write Python.\n" in text
    assert "## User\n\n*[Image: embedded image/png, detail low]*\n\n" in text
    assert "*[Image: chart.png, detail high]*" in text
    assert f"## Assistant (gpt-4o)\n\n{CODE_REPLY}\n" in text  # code fence untouched
    assert "## User\n\n中文也可以吗？\n" in text
    assert "可以，当然\n\n*(reply interrupted)*" in text
    assert "> **Error:** Add credit to continue." in text
    assert "sk-" not in text and "base64" not in text


def test_json_is_a_replayable_chat_completions_body_with_metadata(
    stored: tuple[Conversation, list[StoredMessage]],
) -> None:
    raw = to_json(*stored)
    document = json.loads(raw)
    assert document["format"] == EXPORT_FORMAT and document["version"] == 1
    assert document["title"] == "Adding numbers" and document["model"] == "gpt-4o"
    assert document["params"] == {"temperature": 0.3}  # credentials dropped
    assert "sk-" not in raw and "Authorization" not in raw
    assert "中文也可以吗" in raw  # readable, not \\u-escaped

    messages = document["messages"]
    assert messages[0] == {"role": "system", "content": "You write Python."}
    assert messages[1] == {"role": "user", "content": [
        {"type": "text", "text": "Write add() and look at this"},
        {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA",
                                            "detail": "low"}},
        {"type": "image_url", "image_url": {"url": "file:///home/me/media/chart.png",
                                            "detail": "high"}},
    ]}
    assert messages[2] == {"role": "assistant", "content": CODE_REPLY}
    assert [m["role"] for m in messages] == [
        "system", "user", "assistant", "user", "assistant", "assistant"]

    metadata = document["metadata"]["messages"]
    assert len(metadata) == len(messages)
    assert metadata[0] == {"source": "system_prompt"}
    assert metadata[2]["usage"]["completion_tokens"] == 30
    assert metadata[2]["request_id"] == "req_1"
    assert metadata[4]["status"] == "interrupted"
    assert metadata[5]["status"] == "error"
    assert metadata[5]["error"] == {"kind": "quota", "message": "Add credit to continue.",
                                    "code": "insufficient_quota"}
    assert document["metadata"]["created_at"].endswith("+00:00")


def test_conversation_without_system_prompt_or_messages() -> None:
    empty = Conversation(1, "Empty", 0.0, 0.0)
    assert json.loads(to_json(empty, []))["messages"] == []
    assert to_markdown(empty, []).startswith("# Empty\n\nExported 20")


def test_reasoning_and_function_calls_are_exported(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    history = History(tmp_path / "h.db")
    conversation = history.create_conversation("weather")
    history.add_message(conversation.id, "user", "weather in Paris?")
    history.add_message(conversation.id, "assistant", "", meta={
        "reasoning": "Need the weather tool.",
        "tool_calls": [{"id": "call_1", "name": "get_weather", "arguments": '{"city": "Paris"}'}]})
    history.add_message(conversation.id, "tool", '{"temp": 21}', meta={"tool_call_id": "call_1"})
    history.add_message(conversation.id, "assistant", "It is 21 °C.")
    messages = history.load_messages(conversation.id)
    markdown = to_markdown(conversation, messages)
    assert "> **Thinking:** Need the weather tool." in markdown
    assert "**Calls `get_weather`**" in markdown and '{"city": "Paris"}' in markdown
    body = json.loads(to_json(conversation, messages))
    assert body["messages"][1]["tool_calls"][0]["function"]["name"] == "get_weather"
    assert body["messages"][2] == {"role": "tool", "tool_call_id": "call_1",
                                   "content": '{"temp": 21}'}
    assert body["metadata"]["messages"][1]["details"]["reasoning"] == "Need the weather tool."
