"""Prompt library files: our JSON round trip, OpenAI request bodies, and every bad file."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from playground.model.prompts import PromptContent, PromptMessage
from playground.storage.prompt_io import ImportProblem, export_json, parse_import
from playground.storage.prompts import PromptStore


@pytest.fixture
def store() -> Iterator[PromptStore]:
    opened = PromptStore(None)
    yield opened
    opened.close()


def _full() -> PromptContent:
    return PromptContent(
        "你是{{角色}}。", (PromptMessage("user", "{{问题}}"), PromptMessage("assistant", "好的")),
        "gpt-6-mini", {"temperature": 0.2, "max_tokens": 500},
        ({"name": "lookup", "parameters": {"type": "object", "properties": {}}},),
        {"type": "object"})


def test_export_then_import_keeps_every_version_note_date_and_field(
        store: PromptStore) -> None:
    first = store.create("翻译", _full(), "v1 note")
    store.save_version(first.prompt_id, PromptContent("second"), "v2 note")
    store.create("Other", PromptContent("x"))
    text = export_json([(p, store.versions(p.id)) for p in store.prompts()])
    assert json.loads(text)["format"] == "playground-prompts/1"

    fresh = PromptStore(None)
    try:
        stored = fresh.add_imported(parse_import(text, "ignored"), into_existing=False)
        assert sorted(p.name for p in stored) == ["Other", "翻译"]
        imported = next(p for p in stored if p.name == "翻译")
        original = store.versions(first.prompt_id)
        again = fresh.versions(imported.id)
        assert [(v.number, v.note, v.created, v.content) for v in again] == [
            (v.number, v.note, v.created, v.content) for v in original]
        assert imported.created == store.get(first.prompt_id).created  # type: ignore[union-attr]
    finally:
        fresh.close()


def test_importing_a_name_that_exists_adds_versions_or_keeps_a_copy(
        store: PromptStore) -> None:
    mine = store.create("Shared", PromptContent("mine"), "local")
    text = export_json([(store.get(mine.prompt_id), store.versions(mine.prompt_id))])  # type: ignore[list-item]
    plan = parse_import(text.replace('"mine"', '"theirs"'), "f")
    assert [p.id for p in store.conflicts(plan)] == [mine.prompt_id]

    store.add_imported(plan, into_existing=True)
    assert [(v.number, v.note, v.content.instructions) for v in
            store.versions(mine.prompt_id)] == [(2, "Imported: local", "theirs"),
                                                (1, "local", "mine")]
    copies = store.add_imported(plan, into_existing=False)
    copies += store.add_imported(plan, into_existing=False)
    assert [p.name for p in copies] == ["Shared (imported)", "Shared (imported 2)"]


def test_malformed_json_names_line_and_column() -> None:
    with pytest.raises(ImportProblem) as caught:
        parse_import('{\n  "format": "playground-prompts/1",\n  "prompts": [,]\n}', "f")
    assert "not valid JSON" in str(caught.value)
    assert "line 3, column 15" in str(caught.value)


@pytest.mark.parametrize(("data", "expected"), [
    ([], "empty list"),
    ("just text", "found text, not an object"),
    ({"hello": 1}, 'not a prompt (it has "hello")'),
    ({"format": "something-else/1"}, "“something-else/1”, not a prompt library"),
    ({"format": "playground-prompts/9", "prompts": []}, "newer version of the app"),
    ({"format": "playground-prompts/1"}, 'has no "prompts"'),
    ({"format": "playground-prompts/1", "prompts": {}}, '"prompts" should be a list, not an'),
    ({"format": "playground-prompts/1", "prompts": [{"name": " ", "versions": []}]},
     "prompts[0] has an empty name"),
    ({"format": "playground-prompts/1", "prompts": [{"name": "a", "versions": []}]},
     "(“a”) has no versions"),
    ({"format": "playground-prompts/1", "prompts": [{"name": "a", "versions": [
        {"messages": [{"role": "robot", "text": "x"}]}]}]},
     "prompts[0].versions[0].messages[0] should be"),
    ({"format": "playground-prompts/1", "prompts": [{"name": "a", "versions": [
        {"settings": [1]}]}]}, '"settings" should be an object, not a list'),
    ({"model": "gpt-5.4", "input": []}, "no instructions and no message text"),
])
def test_wrong_shapes_say_what_is_wrong_and_what_was_expected(data: object,
                                                              expected: str) -> None:
    with pytest.raises(ImportProblem) as caught:
        parse_import(json.dumps(data), "f")
    assert expected in str(caught.value)


def test_an_openai_prompt_reference_is_refused_explaining_it_has_no_text() -> None:
    reference = {"id": "pmpt_68b0c297", "version": "2", "variables": {"city": "Paris"}}
    with pytest.raises(ImportProblem) as caught:
        parse_import(json.dumps(reference), "f")
    message = str(caught.value)
    assert "pmpt_68b0c297 (version 2)" in message
    assert "does not contain the prompt's text" in message
    assert "Responses request body" in message  # what would work instead


def test_a_responses_request_body_becomes_a_prompt() -> None:
    body = {
        "model": "gpt-5.4", "instructions": "Answer about {{city}}.",
        "input": [{"role": "user", "content": [
            {"type": "input_text", "text": "Weather?"},
            {"type": "input_image", "image_url": "https://x/y.png"}]}],
        "reasoning": {"effort": "low"}, "max_output_tokens": 300,
        "text": {"verbosity": "low", "format": {"type": "json_schema", "name": "weather",
                                                "schema": {"type": "object"}}},
        "tools": [{"type": "function", "name": "get_weather", "parameters": {}},
                  {"type": "web_search"}],
        "prompt": {"id": "pmpt_abc", "version": "3"},
    }
    [prompt] = parse_import(json.dumps(body), "file-name")
    assert prompt.name == "pmpt_abc"
    [version] = prompt.versions
    c = version.content
    assert (c.model, c.instructions) == ("gpt-5.4", "Answer about {{city}}.")
    assert c.messages == (PromptMessage("user", "Weather?"),)
    assert c.settings == {"max_tokens": 300, "reasoning_effort": "low", "verbosity": "low",
                          "response_format": "json_schema", "schema_name": "weather"}
    assert c.tools == ({"name": "get_weather", "parameters": {}},)
    assert c.response_schema == {"type": "object"}
    assert version.note == ("Imported from a Responses request (left out: images and files,"
                            " the web_search tool)")


def test_a_chat_completions_body_becomes_a_prompt_named_after_the_file() -> None:
    body = {"model": "gpt-4.1", "temperature": 0.4, "max_completion_tokens": 99,
            "messages": [{"role": "developer", "content": "Be terse."},
                         {"role": "user", "content": "Hi {{name}}"}],
            "tools": [{"type": "function", "function": {"name": "f", "parameters": {}}}],
            "response_format": {"type": "json_object"}}
    [prompt] = parse_import(json.dumps(body), "greeting")
    c = prompt.versions[0].content
    assert prompt.name == "greeting"
    assert (c.instructions, c.messages) == ("Be terse.", (PromptMessage("user", "Hi {{name}}"),))
    assert c.settings == {"temperature": 0.4, "max_tokens": 99, "response_format": "json_object"}
    assert c.tools == ({"name": "f", "parameters": {}},)
    assert c.variables() == ["name"]


def test_a_list_of_bodies_is_several_prompts_and_a_bad_item_is_located() -> None:
    good = {"model": "m", "input": "Say hi"}
    prompts = parse_import(json.dumps([good, good]), "batch")
    assert [p.name for p in prompts] == ["batch 1", "batch 2"]
    assert prompts[0].versions[0].content.messages == (PromptMessage("user", "Say hi"),)
    with pytest.raises(ImportProblem, match=r"^item 2: found a number"):
        parse_import(json.dumps([good, 5]), "batch")


def test_export_keeps_chinese_readable(store: PromptStore) -> None:
    saved = store.create("名字", PromptContent("中文"))
    text = export_json([(store.get(saved.prompt_id), store.versions(saved.prompt_id))])  # type: ignore[list-item]
    assert "中文" in text  # kept readable, not \u-escaped
