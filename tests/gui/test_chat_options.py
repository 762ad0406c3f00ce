"""The chat's Reply page: schema and function checks stop a send with a sentence, and the
options travel with the conversation."""

from __future__ import annotations

from typing import Any

from playground.services.reply_options import FORMAT_JSON_SCHEMA, ReplyOptions
from playground.ui.tabs.chat_options import RequestOptions
from tests.gui.conftest import run_until
from tests.gui.test_chat_tab import PATH, send


def test_an_invalid_schema_is_named_and_nothing_is_sent(chat: Any, fake_api: Any,
                                                        event_loop_qt: Any) -> None:
    options = chat.options
    options.format_picker.setCurrentIndex(options.format_picker.findData(FORMAT_JSON_SCHEMA))
    options.schema_editor.setPlainText('{"type": "object", "properties": {"a": {"type": 1}}}')
    assert not options.problem_label.isHidden()  # on the Reply page, shown when opened
    chat.input.setPlainText("hello")
    chat.send_button.click()
    run_until(event_loop_qt, lambda: "properties/a/type" in chat.hint.text())
    assert fake_api.requests_to(PATH) == []
    assert chat.input.toPlainText() == "hello"  # nothing typed is lost


def test_templates_fill_valid_definitions(qtbot: Any) -> None:
    options = RequestOptions()
    qtbot.addWidget(options)
    options.templates.menu().actions()[0].trigger()
    options.templates.menu().actions()[-1].trigger()
    chosen = options.options()
    assert [f["name"] for f in chosen.functions] == ["get_weather"]
    assert chosen.response_format == FORMAT_JSON_SCHEMA and chosen.schema is not None
    assert options.problem() == ""
    assert options.tool_choice.findData("get_weather") > 0


def test_options_are_saved_with_the_conversation(chat: Any, event_loop_qt: Any) -> None:
    chat.options.logprobs.setChecked(True)
    chat.options.top_logprobs.setValue(3)
    send(event_loop_qt, chat, "remember my options")
    conversation_id = chat.session.conversation_id
    event_loop_qt.run_until_complete(chat.new_conversation())
    chat.options.restore(ReplyOptions())
    assert not chat.options.logprobs.isChecked()
    event_loop_qt.run_until_complete(chat.load_conversation(conversation_id))
    assert chat.options.logprobs.isChecked() and chat.options.top_logprobs.value() == 3
