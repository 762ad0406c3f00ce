"""The chat tab driven through its real widgets, against the loopback server over real HTTP."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QLabel, QToolButton

from playground.model.types import Profile
from playground.settings import SEND_ON_ENTER, Settings
from playground.storage.history import MessageStatus
from playground.ui.tabs.chat import ChatTab
from tests.fake_openai import Fault
from tests.fake_openai.routes_chat import RATE_LIMIT_HEADERS, ChatOptions
from tests.gui.conftest import run_until

PATH = "/chat/completions"


def run_reply(loop: asyncio.AbstractEventLoop, tab: ChatTab, start: Any) -> None:
    """Call `start()` (a click, a key, a signal) and run the loop until that reply ended."""
    states: list[bool] = []
    tab.busyChanged.connect(states.append)
    start()
    run_until(loop, lambda: states[-2:] == [True, False])
    tab.busyChanged.disconnect(states.append)


def send(loop: asyncio.AbstractEventLoop, tab: ChatTab, text: str) -> None:
    """Type, click Send, and run the loop until that reply has ended."""
    tab.input.setPlainText(text)
    run_reply(loop, tab, tab.send_button.click)


def history(loop: asyncio.AbstractEventLoop, tab: ChatTab) -> list[Any]:
    assert tab.session.conversation_id is not None
    return loop.run_until_complete(
        tab.services.history.load_messages(tab.session.conversation_id))


def last_widget(tab: ChatTab) -> Any:
    return tab.view.message(tab.view.keys()[-1])


def test_send_streams_reply_into_view_history_and_ledger(chat: ChatTab, fake_api: Any,
                                                          event_loop_qt: Any) -> None:
    fake_api.state["chat"] = ChatOptions(reply="Hello **there**, friend.", chunks=5,
                                         headers=RATE_LIMIT_HEADERS)
    snapshots: list[Any] = []
    chat.services.usage.add_listener(snapshots.append)
    limits: list[Any] = []
    chat.rateLimitsReceived.connect(limits.append)

    send(event_loop_qt, chat, "Say hello")

    assert chat.input.toPlainText() == ""
    assert last_widget(chat).text == "Hello **there**, friend."
    stored = history(event_loop_qt, chat)
    assert [(m.role, m.content, m.status) for m in stored] == [
        ("user", "Say hello", MessageStatus.COMPLETE),
        ("assistant", "Hello **there**, friend.", MessageStatus.COMPLETE),
    ]
    body = fake_api.requests_to(PATH)[0].json
    assert body["model"] == "gpt-4o-mini"
    assert body["stream"] is True and body["stream_options"] == {"include_usage": True}
    assert body["messages"][-1] == {"role": "user", "content": "Say hello"}
    run_until(event_loop_qt, lambda: snapshots)
    assert snapshots[-1].last is not None and not snapshots[-1].last.estimated
    assert limits and limits[0].requests.limit == 10000


def test_empty_prompt_is_refused_with_a_message_and_sends_nothing(
        chat: ChatTab, fake_api: Any, event_loop_qt: Any) -> None:
    chat.input.setPlainText("   \n ")
    chat.send_button.click()
    event_loop_qt.run_until_complete(asyncio.sleep(0.05))
    assert chat.hint_row.isVisible()
    assert "Type a message" in chat.hint.text()
    assert fake_api.requests_to(PATH) == []


def test_ctrl_enter_in_the_input_sends(chat: ChatTab, qtbot: Any, fake_api: Any,
                                       event_loop_qt: Any) -> None:
    chat.input.setPlainText("keyboard")
    run_reply(event_loop_qt, chat, lambda: qtbot.keyClick(
        chat.input, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier))
    assert len(fake_api.requests_to(PATH)) == 1
    assert last_widget(chat).text == "Echo: keyboard"


def test_sampling_controls_reach_the_request(chat: ChatTab, fake_api: Any,
                                             event_loop_qt: Any) -> None:
    chat.params.temperature.setValue(0.3)
    chat.params.top_p.setValue(0.9)
    chat.params.max_tokens.setValue(321)
    chat.params.frequency_penalty.setValue(0.5)
    chat.params.presence_penalty.setValue(-0.5)
    chat.params.stop_sequences.setPlainText("END\n###")
    chat.params.seed.setText("42")
    chat.params.system_prompt.setPlainText("Be brief.")
    send(event_loop_qt, chat, "hi")
    body = fake_api.requests_to(PATH)[0].json
    assert body["temperature"] == pytest.approx(0.3)
    assert body["top_p"] == pytest.approx(0.9)
    assert body["max_tokens"] == 321
    assert body["frequency_penalty"] == pytest.approx(0.5)
    assert body["presence_penalty"] == pytest.approx(-0.5)
    assert body["stop"] == ["END", "###"]
    assert body["seed"] == 42
    assert body["messages"][0] == {"role": "system", "content": "Be brief."}


def test_reasoning_model_hides_sampling_and_sends_max_completion_tokens(
        chat: ChatTab, fake_api: Any, event_loop_qt: Any) -> None:
    chat.params.model_picker.setEditText("o3-mini")
    assert not chat.params.temperature.isVisibleTo(chat)
    assert chat.params.reasoning_effort.isVisibleTo(chat)
    chat.params.reasoning_effort.setCurrentIndex(chat.params.reasoning_effort.findData("high"))
    chat.params.system_prompt.setPlainText("Think.")
    send(event_loop_qt, chat, "2+2?")
    body = fake_api.requests_to(PATH)[0].json
    assert "temperature" not in body and "max_tokens" not in body
    assert body["max_completion_tokens"] > 0
    assert body["reasoning_effort"] == "high"
    assert body["messages"][0]["role"] == "developer"
    assert last_widget(chat).text == "Echo: 2+2?"


def test_wrong_key_shows_inline_error_with_request_id_and_asks_for_a_key(
        chat: ChatTab, fake_api: Any, event_loop_qt: Any) -> None:
    fake_api.valid_keys = {"sk-the-right-one"}
    asked: list[str] = []
    chat.keyDialogRequested.connect(asked.append)
    send(event_loop_qt, chat, "hello?")
    panel = last_widget(chat).error_panel
    assert panel is not None and panel.isVisible()
    assert "401" in panel.accessibleName()
    assert "Request ID: req_" in " ".join(w.text() for w in panel.findChildren(type(chat.hint)))
    assert asked, "a 401 opens the key dialog"
    stored = history(event_loop_qt, chat)
    assert stored[0].content == "hello?"  # what the user typed is kept
    assert stored[1].status == MessageStatus.ERROR


def test_rate_limit_retries_after_the_servers_delay_with_a_countdown(
        chat: ChatTab, fake_api: Any, event_loop_qt: Any) -> None:
    fake_api.inject(Fault(path=PATH, status=429, code="rate_limit_exceeded",
                          message="Rate limit reached", headers={"retry-after": "1"}))
    countdowns: list[str] = []
    states: list[bool] = []
    chat.busyChanged.connect(states.append)
    chat.input.setPlainText("retry me")
    chat.send_button.click()
    started = time.monotonic()

    def seen() -> bool:
        widget = last_widget(chat) if chat.view.keys() else None
        panel = widget.error_panel if widget is not None else None
        if panel is not None and panel.isVisible():
            countdowns.append(" ".join(w.text() for w in panel.findChildren(type(chat.hint))))
        return states[-2:] == [True, False]

    run_until(event_loop_qt, seen, timeout=10)
    assert time.monotonic() - started >= 0.9  # retry-after honoured
    assert any("Retrying in" in text for text in countdowns)
    assert len(fake_api.requests_to(PATH)) == 2
    assert last_widget(chat).text == "Echo: retry me"


def test_quota_exhausted_is_not_retried_and_says_to_add_credit(
        chat: ChatTab, fake_api: Any, event_loop_qt: Any) -> None:
    fake_api.inject(Fault(path=PATH, status=429, code="insufficient_quota",
                          type="insufficient_quota", message="You exceeded your quota"))
    send(event_loop_qt, chat, "expensive")
    assert len(fake_api.requests_to(PATH)) == 1
    panel = last_widget(chat).error_panel
    assert "Add credit" in panel.accessibleName()
    assert panel.action_buttons()[0].objectName() == "billingActionButton"


def test_server_traceback_becomes_a_short_readable_message(
        chat: ChatTab, fake_api: Any, event_loop_qt: Any) -> None:
    chat.services.api._profile = lambda: Profile(  # type: ignore[method-assign]
        name="Test", base_url=fake_api.url, timeout=5, max_retries=0)
    fake_api.inject(Fault(path=PATH, kind="traceback", message="temperature must be <= 2"))
    send(event_loop_qt, chat, "boom")
    texts = " ".join(w.text() for w in last_widget(chat).error_panel.findChildren(
        type(chat.hint)))
    assert "ValueError: temperature must be <= 2" in texts
    assert "Traceback" not in texts


def test_stream_cut_midway_keeps_partial_and_continue_appends(
        chat: ChatTab, fake_api: Any, event_loop_qt: Any) -> None:
    reply = "one two three four five six"
    fake_api.state["chat"] = ChatOptions(reply=reply, chunks=6, cut_after=3)
    send(event_loop_qt, chat, "count")
    widget = last_widget(chat)
    partial = widget.text
    assert 0 < len(partial) < len(reply) and reply.startswith(partial)
    stored = history(event_loop_qt, chat)[-1]
    assert stored.status == MessageStatus.INTERRUPTED and stored.content == partial
    actions = [b.objectName() for b in widget.error_panel.action_buttons()]
    assert "continueActionButton" in actions and "retryActionButton" in actions

    fake_api.state["chat"] = ChatOptions(reply="four five six", chunks=3)
    button = next(b for b in widget.error_panel.action_buttons()
                  if b.objectName() == "continueActionButton")
    run_reply(event_loop_qt, chat, button.click)
    assert len(fake_api.requests_to(PATH)) == 2
    assert widget.text == partial + "four five six"
    body = fake_api.requests_to(PATH)[1].json
    assert body["messages"][-2] == {"role": "assistant", "content": partial}
    assert history(event_loop_qt, chat)[-1].content == partial + "four five six"


def test_server_without_usage_is_counted_locally_and_marked_estimated(
        chat: ChatTab, fake_api: Any, event_loop_qt: Any) -> None:
    fake_api.state["chat"] = ChatOptions(reply="local model reply", no_usage=True)
    snapshots: list[Any] = []
    chat.services.usage.add_listener(snapshots.append)
    send(event_loop_qt, chat, "hi local")
    run_until(event_loop_qt, lambda: snapshots)
    last = snapshots[-1].last
    assert last.estimated
    assert last.prompt_tokens > 0 and last.completion_tokens == 3


def test_stop_keeps_the_partial_reply_and_marks_it(chat: ChatTab, fake_api: Any,
                                                   event_loop_qt: Any) -> None:
    fake_api.state["chat"] = ChatOptions(reply=" ".join(["word"] * 200), chunks=200,
                                         delay=0.02, batch=1)
    chat.input.setPlainText("long please")
    chat.send_button.click()
    run_until(event_loop_qt, lambda: chat.view.keys() and len(last_widget(chat).text) > 20)
    chat.stop_action()
    run_until(event_loop_qt, lambda: not chat.is_running())
    shown = last_widget(chat).text
    assert 20 < len(shown) < len(" ".join(["word"] * 200))
    stored = history(event_loop_qt, chat)[-1]
    assert stored.status == MessageStatus.INTERRUPTED
    assert stored.content == shown


def test_reply_is_persisted_while_it_streams(chat: ChatTab, fake_api: Any,
                                             event_loop_qt: Any) -> None:
    fake_api.state["chat"] = ChatOptions(reply=" ".join(["token"] * 100), chunks=100,
                                         delay=0.02, batch=1)
    chat.input.setPlainText("stream slowly")
    chat.send_button.click()
    run_until(event_loop_qt, lambda: chat.view.keys() and len(last_widget(chat).text) > 200)
    stored = history(event_loop_qt, chat)[-1]
    assert stored.status == MessageStatus.STREAMING
    assert len(stored.content) > 100  # written before the reply finished
    run_until(event_loop_qt, lambda: not chat.is_running())
    assert history(event_loop_qt, chat)[-1].status == MessageStatus.COMPLETE


def test_the_stored_reply_is_the_whole_reply_whatever_writes_were_queued(
        chat: ChatTab, fake_api: Any, event_loop_qt: Any) -> None:
    """A streaming write still on its way when the reply ends must not land after the final
    one (it once could: the stored reply was then cut short and left "streaming")."""
    history_store = chat.services.history
    original = history_store.update_message_content

    async def slow_streaming_writes(message_id: int, content: str, status: str = "streaming",
                                    **kwargs: Any) -> None:
        if status == "streaming":
            await asyncio.sleep(1.0)  # reaches the worker thread late, as under heavy load
        await original(message_id, content, status, **kwargs)

    history_store.update_message_content = slow_streaming_writes
    fake_api.state["chat"] = ChatOptions(reply=" ".join(f"w{i}" for i in range(40)), chunks=40,
                                         delay=0.01, batch=1)
    send(event_loop_qt, chat, "many small pieces")
    # Wait for the condition, not a time: every queued streaming write has landed.
    run_until(event_loop_qt, lambda: chat.session is not None
              and not chat.session._writes._pending)
    stored = history(event_loop_qt, chat)[-1]
    assert (stored.content, stored.status) == (last_widget(chat).text, MessageStatus.COMPLETE)
    assert stored.content.endswith("w39")


def test_attached_image_is_sent_as_a_data_url_content_part(chat: ChatTab, fake_api: Any,
                                                           event_loop_qt: Any) -> None:
    image = QImage(64, 32, QImage.Format.Format_ARGB32)
    image.fill(QColor("red"))
    chat.attachments.add(image)
    send(event_loop_qt, chat, "what colour?")
    content = fake_api.requests_to(PATH)[0].json["messages"][-1]["content"]
    kinds = [part["type"] for part in content]
    assert kinds == ["text", "image_url"]
    assert content[1]["image_url"]["url"].startswith("data:image/png;base64,")
    assert not chat.attachments.images()


def test_images_with_a_text_only_model_are_refused_before_sending(
        chat: ChatTab, fake_api: Any, event_loop_qt: Any) -> None:
    chat.params.model_picker.setEditText("gpt-3.5-turbo")
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    chat.attachments.add(image)
    chat.input.setPlainText("look")
    chat.send_button.click()
    event_loop_qt.run_until_complete(asyncio.sleep(0.05))
    assert "does not accept images" in chat.hint.text()
    assert chat.input.toPlainText() == "look" and chat.attachments.images()
    assert fake_api.requests_to(PATH) == []


def test_edit_an_earlier_message_and_regenerate_from_there(
        chat: ChatTab, fake_api: Any, event_loop_qt: Any) -> None:
    send(event_loop_qt, chat, "first")
    send(event_loop_qt, chat, "second")
    first_key = chat.view.keys()[0]
    chat.view.editRequested.emit(first_key)
    assert chat.edit_banner.isVisibleTo(chat)
    assert chat.input.toPlainText() == "first"
    send(event_loop_qt, chat, "first, edited")
    stored = history(event_loop_qt, chat)
    assert [m.content for m in stored] == ["first, edited", "Echo: first, edited"]
    assert len(chat.view.keys()) == 2
    last_body = fake_api.requests_to(PATH)[-1].json
    assert [m["content"] for m in last_body["messages"]] == ["first, edited"]


def test_regenerate_replaces_the_reply(chat: ChatTab, fake_api: Any,
                                       event_loop_qt: Any) -> None:
    send(event_loop_qt, chat, "again")
    fake_api.state["chat"] = ChatOptions(reply="A different reply")
    run_reply(event_loop_qt, chat,
              lambda: chat.view.regenerateRequested.emit(chat.view.keys()[-1]))
    assert len(fake_api.requests_to(PATH)) == 2
    assert [m.content for m in history(event_loop_qt, chat)] == ["again", "A different reply"]


def test_the_replaced_reply_stays_one_click_away(chat: ChatTab, fake_api: Any,
                                                 event_loop_qt: Any, qtbot: Any) -> None:
    send(event_loop_qt, chat, "again")
    fake_api.state["chat"] = ChatOptions(reply="A different reply")
    run_reply(event_loop_qt, chat,
              lambda: chat.view.regenerateRequested.emit(chat.view.keys()[-1]))
    widget = last_widget(chat)
    label = widget.findChild(QLabel, "branchLabel")
    qtbot.waitUntil(lambda: label.text() == "2/2")
    widget.findChild(QToolButton, "previousBranchButton").click()
    run_until(event_loop_qt, lambda: last_widget(chat).text == "Echo: again")
    assert last_widget(chat).findChild(QLabel, "branchLabel").text() == "1/2"
    assert [m.content for m in history(event_loop_qt, chat)] == ["again", "Echo: again"]


def test_unknown_model_says_not_found(chat: ChatTab, fake_api: Any, event_loop_qt: Any) -> None:
    fake_api.state["chat"] = ChatOptions(known_models=["gpt-4o"])
    chat.params.model_picker.setEditText("gpt-nonexistent")
    send(event_loop_qt, chat, "hi")
    assert "404" in last_widget(chat).error_panel.accessibleName()


def test_no_network_is_reported_and_the_message_kept(qtbot: Any, make_services: Any,
                                                     event_loop_qt: Any) -> None:
    tab = ChatTab(Settings())
    qtbot.addWidget(tab)
    tab.params.model_picker.setEditText("gpt-4o")
    services = make_services(Profile(name="Down", base_url="http://127.0.0.1:9/v1",
                                     timeout=3, max_retries=0))
    tab.services = services
    tab.attach(services)
    run_until(event_loop_qt, lambda: tab.params.refresh_models.isEnabled())
    send(event_loop_qt, tab, "anyone there?")
    panel = last_widget(tab).error_panel
    assert "Cannot reach the server" in panel.accessibleName()
    assert "profileActionButton" in [b.objectName() for b in panel.action_buttons()]
    assert history(event_loop_qt, tab)[0].content == "anyone there?"


def test_server_without_models_endpoint_lets_the_user_type_a_model(
        qtbot: Any, make_services: Any, fake_api: Any, event_loop_qt: Any) -> None:
    fake_api.disabled_paths.add("/models")
    tab = ChatTab(Settings())
    qtbot.addWidget(tab)
    tab.show()
    services = make_services()
    tab.attach(services)
    tab.services = services
    run_until(event_loop_qt, lambda: tab.params.model_note.isVisibleTo(tab))
    assert "type a model name" in tab.params.model_note.text()
    tab.params.model_picker.setEditText("llama3.1:8b")
    send(event_loop_qt, tab, "hello llama")
    assert last_widget(tab).text == "Echo: hello llama"


def test_model_list_offers_only_chat_models_current_first(chat: ChatTab, fake_api: Any) -> None:
    picker = chat.params.model_picker
    names = [picker.itemText(i) for i in range(picker.count())]
    assert names[0] == "gpt-6-astra" and "gpt-4o" in names
    # The server lists image, speech, transcription and embedding models too: never here.
    for other in ("whisper-1", "dall-e-3", "gpt-image-2", "tts-1", "text-embedding-3-small",
                  "omni-moderation-latest", "sora-2", "gpt-realtime-2", "gpt-5.5-pro"):
        assert other not in names
    assert names.index("gpt-5.4-mini") < names.index("gpt-4o") < names.index("o3-mini")


def test_conversations_list_search_rename_delete_and_reopen(
        chat: ChatTab, fake_api: Any, event_loop_qt: Any) -> None:
    send(event_loop_qt, chat, "about pelicans")
    first = chat.session.conversation_id
    chat.new_conversation()
    event_loop_qt.run_until_complete(asyncio.sleep(0.05))
    send(event_loop_qt, chat, "关于熊猫的问题")
    second = chat.session.conversation_id
    assert first != second
    event_loop_qt.run_until_complete(chat.refresh_conversations())
    assert chat.conversations.list.count() == 2

    event_loop_qt.run_until_complete(chat.refresh_conversations("熊猫"))
    assert chat.conversations.list.count() == 1

    event_loop_qt.run_until_complete(chat.load_conversation(first))
    assert [chat.view.message(k).text for k in chat.view.keys()] == [
        "about pelicans", "Echo: about pelicans"]

    chat.conversations.renameRequested.emit(first, "Birds")
    run_until(event_loop_qt, lambda: any(
        chat.conversations.list.item(i).text() == "Birds"
        for i in range(chat.conversations.list.count())))
    chat.conversations.deleteRequested.emit(first)
    run_until(event_loop_qt, lambda: chat.conversations.list.count() == 1)
    assert chat.session.conversation_id is None and chat.view.keys() == []


def test_long_conversation_opens_with_the_last_page_and_pages_back(
        chat: ChatTab, event_loop_qt: Any) -> None:
    history_store = chat.services.history

    async def fill() -> int:
        conversation = await history_store.create_conversation("Long")
        for i in range(120):
            await history_store.add_message(conversation.id, "user" if i % 2 == 0
                                            else "assistant", f"message {i}")
        return conversation.id

    conversation_id = event_loop_qt.run_until_complete(fill())
    event_loop_qt.run_until_complete(chat.load_conversation(conversation_id))
    keys = chat.view.keys()
    assert len(keys) == 50
    assert chat.view.message(keys[0]).text == "message 70"
    chat.view.earlierRequested.emit()
    assert len(chat.view.keys()) == 100
    assert chat.view.message(chat.view.keys()[0]).text == "message 20"


def test_interrupted_reply_is_shown_as_interrupted_after_restart(
        chat: ChatTab, event_loop_qt: Any, make_services: Any, tmp_path: Any, qtbot: Any) -> None:
    """A reply still 'streaming' in the database (the app was killed) reopens as interrupted."""
    database = tmp_path / "killed.sqlite3"
    services = make_services(database=database)
    store = services.history

    async def fill() -> int:
        conversation = await store.create_conversation("Killed")
        await store.add_message(conversation.id, "user", "tell me")
        reply = await store.add_message(conversation.id, "assistant", "",
                                        status=MessageStatus.STREAMING)
        await store.update_message_content(reply.id, "half a rep", MessageStatus.STREAMING)
        return conversation.id

    conversation_id = event_loop_qt.run_until_complete(fill())
    reopened = make_services(database=database)  # a new process opening the same file
    tab = ChatTab(Settings())
    qtbot.addWidget(tab)
    tab.attach(reopened)
    run_until(event_loop_qt, lambda: tab.params.refresh_models.isEnabled())
    event_loop_qt.run_until_complete(tab.load_conversation(conversation_id))
    widget = tab.view.message(tab.view.keys()[-1])
    assert widget.text == "half a rep"
    assert "continueActionButton" in [b.objectName() for b in
                                      widget.error_panel.action_buttons()]


def _tab_with(qtbot: Any, make_services: Any, loop: Any, profile: Profile) -> ChatTab:
    tab = ChatTab(Settings())
    qtbot.addWidget(tab)
    tab.params.model_picker.setEditText("gpt-4o")
    tab.services = make_services(profile)
    tab.attach(tab.services)
    run_until(loop, lambda: tab.params.refresh_models.isEnabled())
    return tab


def test_timeout_keeps_the_message_and_offers_retry(qtbot: Any, make_services: Any,
                                                    fake_api: Any, event_loop_qt: Any) -> None:
    tab = _tab_with(qtbot, make_services, event_loop_qt,
                    Profile(name="Slow", base_url=fake_api.url, timeout=1, max_retries=0))
    fake_api.inject(Fault(path=PATH, kind="hang", delay=3))
    send(event_loop_qt, tab, "are you there?")
    panel = last_widget(tab).error_panel
    assert "did not answer in time" in panel.accessibleName()
    assert "retryActionButton" in [b.objectName() for b in panel.action_buttons()]
    assert history(event_loop_qt, tab)[0].content == "are you there?"


def test_unreachable_proxy_is_named_as_the_problem(qtbot: Any, make_services: Any,
                                                   fake_api: Any, event_loop_qt: Any) -> None:
    tab = _tab_with(qtbot, make_services, event_loop_qt,
                    Profile(name="Proxied", base_url=fake_api.url, proxy="http://127.0.0.1:9",
                            timeout=3, max_retries=0))
    send(event_loop_qt, tab, "through the proxy")
    panel = last_widget(tab).error_panel
    assert "proxy" in panel.accessibleName().lower()
    assert "profileActionButton" in [b.objectName() for b in panel.action_buttons()]
    assert fake_api.requests_to(PATH) == []


def test_pasted_image_becomes_an_attachment(chat: ChatTab) -> None:
    from PySide6.QtCore import QMimeData

    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("blue"))
    mime = QMimeData()
    mime.setImageData(image)
    assert chat.input.canInsertFromMimeData(mime)
    chat.input.insertFromMimeData(mime)
    assert [(i.width(), i.height()) for i in chat.attachments.images()] == [(40, 30)]
    assert chat.input.toPlainText() == ""


@pytest.mark.parametrize("fmt", ["markdown", "json"])
def test_export_writes_the_conversation(chat: ChatTab, event_loop_qt: Any, tmp_path: Any,
                                        fmt: str) -> None:
    send(event_loop_qt, chat, "export this 导出")
    target = tmp_path / f"out.{fmt}"
    event_loop_qt.run_until_complete(
        chat.side.write_export(chat.session.conversation_id, fmt, str(target)))
    text = target.read_text(encoding="utf-8")
    assert "export this 导出" in text and "Echo: export this 导出" in text
    if fmt == "json":
        import json

        body = json.loads(text)
        assert body["messages"][-1] == {"role": "assistant", "content": "Echo: export this 导出"}


def test_export_to_an_unwritable_place_says_so(chat: ChatTab, event_loop_qt: Any,
                                               tmp_path: Any) -> None:
    send(event_loop_qt, chat, "keep me")
    event_loop_qt.run_until_complete(
        chat.side.write_export(chat.session.conversation_id, "markdown",
                               str(tmp_path / "no" / "x.md")))
    assert chat.hint_row.isVisible() and "Could not write" in chat.hint.text()


def test_enter_sends_when_the_preference_says_so(chat: ChatTab, qtbot: Any, fake_api: Any,
                                                 event_loop_qt: Any) -> None:
    chat.input.setPlainText("line one")
    qtbot.keyClick(chat.input, Qt.Key.Key_Return)
    assert fake_api.requests_to(PATH) == [] and "\n" in chat.input.toPlainText()
    Settings().put(SEND_ON_ENTER, True)
    chat.apply_settings()
    chat.input.setPlainText("send me")
    qtbot.keyClick(chat.input, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert "\n" in chat.input.toPlainText()  # Shift+Enter still makes a new line
    run_reply(event_loop_qt, chat, lambda: qtbot.keyClick(chat.input, Qt.Key.Key_Return))
    assert len(fake_api.requests_to(PATH)) == 1


def test_image_files_attach_off_the_ui_thread_and_bad_ones_are_named(
        chat: ChatTab, tmp_path: Any, event_loop_qt: Any) -> None:
    good = tmp_path / "photo.png"
    image = QImage(120, 80, QImage.Format.Format_RGB32)
    image.fill(QColor("green"))
    assert image.save(str(good))
    bad = tmp_path / "notes.png"
    bad.write_text("not an image")
    from PySide6.QtCore import QMimeData, QUrl

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(good)), QUrl.fromLocalFile(str(bad))])
    chat.input.insertFromMimeData(mime)
    run_until(event_loop_qt, lambda: chat.attachments.images())
    assert [(i.width(), i.height()) for i in chat.attachments.images()] == [(120, 80)]
    assert "notes.png" in chat.hint.text() and "photo.png" not in chat.hint.text()
    assert chat.input.toPlainText() == ""


def test_deleting_a_conversation_asks_first(chat: ChatTab, event_loop_qt: Any) -> None:
    from PySide6.QtWidgets import QAbstractButton, QMessageBox

    send(event_loop_qt, chat, "keep unless confirmed")
    event_loop_qt.run_until_complete(chat.refresh_conversations())
    conversation_id = chat.session.conversation_id
    chat.conversations.confirm_delete(conversation_id, "keep unless confirmed")
    dialog = chat.conversations.findChild(QMessageBox, "confirmDialog")
    dialog.button(QMessageBox.StandardButton.Cancel).click()
    event_loop_qt.run_until_complete(asyncio.sleep(0.05))
    assert chat.conversations.list.count() == 1 and chat.session.conversation_id == conversation_id

    chat.conversations.confirm_delete(conversation_id, "keep unless confirmed")
    dialog = next(d for d in chat.conversations.findChildren(QMessageBox, "confirmDialog")
              if d.isVisible())
    dialog.findChild(QAbstractButton, "confirmButton").click()
    run_until(event_loop_qt, lambda: chat.conversations.list.count() == 0)
    assert chat.session.conversation_id is None


def test_a_local_servers_context_window_reaches_the_context_bar(
        chat: ChatTab, fake_api: Any, event_loop_qt: Any) -> None:
    from playground.model.capabilities import model_info

    fake_api.state["llamacpp_props"] = {"default_generation_settings": {"n_ctx": 4096}}
    fake_api.state["models"] = ["qwen2.5-7b-instruct"]
    assert model_info("qwen2.5-7b-instruct").context_window is None  # unknown, not guessed
    drafts: list[int] = []
    chat.draftChanged.connect(lambda: drafts.append(1))
    chat.params.model_picker.setEditText("qwen2.5-7b-instruct")
    run_until(event_loop_qt,
              lambda: model_info("qwen2.5-7b-instruct").context_window == 4096)
    assert drafts  # the estimate is redone with the window the server runs


def test_choosing_a_retired_model_says_so_before_sending(chat: ChatTab) -> None:
    chat.params.model_picker.setEditText("gpt-4")
    assert "shut down" in chat.hint.text() and "gpt-5" in chat.hint.text()


def test_send_pressed_while_starting_up_is_sent_once_ready(
        qtbot: Any, make_services: Any, fake_api: Any, event_loop_qt: Any) -> None:
    """A quick user (or a busy machine) presses Send before the services are up: the message
    goes out when they are, rather than asking the user to try again."""
    tab = ChatTab(Settings())
    qtbot.addWidget(tab)
    tab.show()
    tab.params.model_picker.setEditText("gpt-4o")
    tab.input.setPlainText("early bird")
    tab.send_button.click()
    run_until(event_loop_qt, lambda: "sent in a moment" in tab.hint.text())
    assert not fake_api.requests_to("/chat/completions")
    services = make_services()
    tab.services = services
    tab.attach(services)
    run_until(event_loop_qt, lambda: bool(tab.view.keys())
              and last_widget(tab).text == "Echo: early bird"
              and not tab.session.is_running())
    assert history(event_loop_qt, tab)[0].content == "early bird"
