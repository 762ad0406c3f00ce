"""The prompt library's store: versions, search (Chinese too), diff, rollback, migration."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from playground.model.prompts import PromptContent, PromptMessage
from playground.storage import schema
from playground.storage.history import History
from playground.storage.prompts import (
    DuplicateName,
    EmptyName,
    PromptNotFound,
    PromptStore,
)


def content(instructions: str, *messages: tuple[str, str], model: str = "gpt-5.4",
            **settings: object) -> PromptContent:
    return PromptContent(instructions, tuple(PromptMessage(r, t) for r, t in messages), model,
                         dict(settings))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[PromptStore]:
    opened = PromptStore(tmp_path / "db.sqlite3")
    yield opened
    opened.close()


def test_every_save_is_a_new_numbered_version_with_its_note(store: PromptStore) -> None:
    first = store.create("  Support   bot ", content("Be kind."), "first draft")
    second = store.save_version(first.prompt_id, content("Be kind and brief.",
                                                         temperature=0.3), "shorter")
    assert (first.number, second.number) == (1, 2)
    prompt = store.get(first.prompt_id)
    assert prompt is not None and (prompt.name, prompt.latest) == ("Support bot", 2)
    assert [(v.number, v.note) for v in store.versions(prompt.id)] == [
        (2, "shorter"), (1, "first draft")]
    assert store.version(prompt.id, 1).content == content("Be kind.")
    assert store.version(prompt.id).content.settings == {"temperature": 0.3}
    with pytest.raises(PromptNotFound):
        store.version(prompt.id, 9)


def test_content_round_trips_every_field(store: PromptStore) -> None:
    full = PromptContent(
        "你是{{角色}}", (PromptMessage("user", "问：{{问题}}"), PromptMessage("assistant", "好")),
        "gpt-6-mini", {"temperature": 0.2, "reasoning_effort": "low", "stop": ["END"]},
        ({"name": "lookup", "description": "d", "parameters": {"type": "object"}},),
        {"type": "object", "properties": {"answer": {"type": "string"}}})
    saved = store.create("full", full)
    assert store.version(saved.prompt_id, 1).content == full


def test_names_must_be_present_and_unique_ignoring_case_and_width(store: PromptStore) -> None:
    existing = store.create("Translator", content("x"))
    with pytest.raises(EmptyName):
        store.create("   ", content("x"))
    for same in ("translator", " TRANSLATOR ", "Ｔｒａｎｓｌａｔｏｒ"):
        with pytest.raises(DuplicateName) as caught:
            store.create(same, content("y"))
        assert caught.value.existing.id == existing.prompt_id
        assert "Translator" in str(caught.value)
    assert len(store.prompts()) == 1  # nothing half-made by the refused saves


def test_search_by_name_and_by_text_of_any_version_in_chinese_and_english(
        store: PromptStore) -> None:
    support = store.create("客服助手", content("You answer billing questions."))
    store.save_version(support.prompt_id, content("你是一个友好的客服，回答账单问题。"), "中文")
    poet = store.create("Poet", content("Write a haiku.", ("user", "主题：秋天")))
    ids = lambda query: [hit.prompt.id for hit in store.search(query)]  # noqa: E731
    assert ids("客服") == [support.prompt_id]  # 2 characters: LIKE, in the name
    assert ids("账单问题") == [support.prompt_id]  # trigram index, version 2's text
    assert ids("billing") == [support.prompt_id]  # an older version's text counts
    assert ids("秋天") == [poet.prompt_id]  # a message's text
    assert ids("poet haiku") == [poet.prompt_id]  # one term in the name, one in the text
    assert ids("haiku 账单") == []  # every term must match
    assert set(ids("")) == {support.prompt_id, poet.prompt_id}
    hit = store.search("账单问题")[0]
    assert hit.version == 2 and "账单问题" in hit.snippet
    assert store.search("客服")[0].version is None  # the name matched


def test_search_terms_with_like_wildcards_are_literal(store: PromptStore) -> None:
    store.create("Percent", content("100% sure"))
    store.create("Other", content("100 sure"))
    assert [h.prompt.name for h in store.search("0%")] == ["Percent"]


def test_diff_shows_what_changed_between_two_versions(store: PromptStore) -> None:
    v1 = store.create("p", content("Be kind.", ("user", "Hi"), temperature=0.5))
    store.save_version(v1.prompt_id, content("Be kind.", ("user", "Hello"), temperature=0.7),
                       "warmer")
    diff = store.diff(v1.prompt_id, 1, 2)
    assert diff.splitlines()[:2] == ["--- v1", "+++ v2"]
    assert "-  temperature: 0.5" in diff and "+  temperature: 0.7" in diff
    assert "-    Hi" in diff and "+    Hello" in diff
    assert " Instructions:" in diff  # unchanged context
    assert store.diff(v1.prompt_id, 1, 1) == ""


def test_roll_back_saves_the_old_content_as_a_new_version(store: PromptStore) -> None:
    v1 = store.create("p", content("one"), "start")
    store.save_version(v1.prompt_id, content("two"), "edit")
    back = store.roll_back(v1.prompt_id, 1)
    assert (back.number, back.note, back.content) == (3, "Rolled back to v1", content("one"))
    assert [v.number for v in store.versions(v1.prompt_id)] == [3, 2, 1]  # nothing lost


def test_delete_removes_the_prompt_its_versions_and_their_search_entries(
        store: PromptStore) -> None:
    doomed = store.create("doomed", content("unique marker text"))
    kept = store.create("kept", content("something else"))
    store.delete(doomed.prompt_id)
    assert [p.id for p in store.prompts()] == [kept.prompt_id]
    assert store.search("marker") == []
    assert store.versions(doomed.prompt_id) == []
    store._db.execute("INSERT INTO prompt_search(prompt_search) VALUES ('integrity-check')")


def test_prompts_are_listed_most_recently_saved_first(store: PromptStore) -> None:
    a = store.create("a", content("a"))
    b = store.create("b", content("b"))
    assert [p.name for p in store.prompts()] == ["b", "a"]
    store.save_version(a.prompt_id, content("a2"), "")
    assert [p.id for p in store.prompts()] == [a.prompt_id, b.prompt_id]


def _prompts_step() -> int:
    """The schema step that adds the library (the lead may renumber it at merge)."""
    return next(i for i, script in enumerate(schema.MIGRATIONS, start=1)
                if "CREATE TABLE prompts" in script)


def test_a_database_from_the_version_before_the_library_is_migrated_keeping_history(
        tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path, isolation_level=None)
    for version, script in enumerate(schema.MIGRATIONS[:_prompts_step() - 1], start=1):
        db.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {version};\nCOMMIT;")
    db.execute("INSERT INTO conversations (title, created_at, updated_at) VALUES"
               " ('旧的对话', 1, 2)")
    db.execute("INSERT INTO messages (conversation_id, position, role, content, created_at,"
               " updated_at) VALUES (1, 0, 'user', '递归是什么', 1, 1)")
    db.close()

    store = PromptStore(path)
    try:
        assert store.migrated_from == _prompts_step() - 1
        assert schema.schema_version(store._db) == schema.LATEST_VERSION
        saved = store.create("提示", content("新的提示词"))
        assert [h.prompt.id for h in store.search("提示词")] == [saved.prompt_id]
    finally:
        store.close()
    history = History(path)  # the chat history is still there and searchable
    try:
        assert history.migrated_from == schema.LATEST_VERSION
        assert [h.conversation_id for h in history.search("递归是什么")] == [1]
    finally:
        history.close()


def test_a_newer_database_is_refused_untouched(tmp_path: Path) -> None:
    from playground.storage.paths import StorageUnavailable

    path = tmp_path / "new.sqlite3"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {schema.LATEST_VERSION + 1}")
    db.close()
    with pytest.raises(StorageUnavailable, match="newer version"):
        PromptStore(path)
