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


def test_a_responses_reply_shows_thinking_sources_and_metrics(chat: Any, fake_api: Any,
                                                               event_loop_qt: Any) -> None:
    from PySide6.QtWidgets import QLabel

    from playground.ui.widgets.reply_extras import MetricsLine, SourcesLine, ThinkingBlock
    from tests.fake_openai.routes_responses import ResponsesOptions

    fake_api.state["responses"] = ResponsesOptions(
        summary="Checking the sources first", citation=("https://example.org/a", "Example A"))
    chat.params.model_picker.setEditText("gpt-5.5")
    options = chat.options
    options.api_picker.setCurrentIndex(options.api_picker.findData("responses"))
    options.summary_picker.setCurrentIndex(options.summary_picker.findData("auto"))
    send(event_loop_qt, chat, "what does it say?")
    widget = chat.view.message(chat.view.keys()[-1])
    thinking = widget.findChild(ThinkingBlock)
    assert thinking is not None and "Checking the sources first" in thinking.text()
    assert not thinking.toggle.isChecked()  # folded once the answer is complete
    sources = widget.findChild(SourcesLine)
    assert sources is not None and "https://example.org/a" in sources.text()
    metrics = widget.findChild(MetricsLine)
    assert metrics is not None and "s to first token" in metrics.text()
    assert "API: responses" in metrics.toolTip()
    assert widget.findChild(QLabel, "replyJsonCheck") is None  # a text reply: nothing to check


def test_reasoning_effort_offers_what_the_model_accepts(qtbot: Any) -> None:
    from playground.ui.tabs.chat_params import ChatParams

    params = ChatParams()
    qtbot.addWidget(params)
    picker = params.reasoning_effort

    def offered() -> list[str]:
        return [picker.itemData(i) for i in range(picker.count())]

    params.model_picker.setEditText("gpt-5.2")
    assert offered() == ["none", "low", "medium", "high", "xhigh"]
    picker.setCurrentIndex(picker.findData("xhigh"))
    params.model_picker.setEditText("o3")
    assert offered() == ["low", "medium", "high"] and picker.currentData() == "medium"
    params.model_picker.setEditText("gpt-6-astra")  # the catalog does not say: all the SDK has
    assert "none" in offered() and "xhigh" in offered()


def test_several_choices_side_by_side_and_continue_with_one(chat: Any, fake_api: Any,
                                                             event_loop_qt: Any) -> None:
    from PySide6.QtWidgets import QPushButton

    from playground.ui.widgets.reply_extras import ChoicesPanel

    options = chat.options
    options.api_picker.setCurrentIndex(options.api_picker.findData("chat"))
    options.choices.setValue(3)
    send(event_loop_qt, chat, "pick one")
    assert fake_api.requests_to(PATH)[-1].json["n"] == 3
    widget = chat.view.message(chat.view.keys()[-1])
    panel = widget.findChild(ChoicesPanel)
    assert panel is not None and widget.text == "Echo: pick one"
    panel.findChild(QPushButton, "pickChoiceButton2").click()
    run_until(event_loop_qt, lambda: widget.text.startswith("Choice 3:"))
    assert chat.session.turns[-1].details.choices[0].startswith("Choice 3:")
    send(event_loop_qt, chat, "and then?")
    sent = fake_api.requests_to(PATH)[-1].json["messages"]
    assert sent[1] == {"role": "assistant", "content": "Choice 3: Echo: pick one"}
