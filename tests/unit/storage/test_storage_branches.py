"""Edit and regenerate keep what they replace: archived branches, switching, nesting."""

from __future__ import annotations

from pathlib import Path

from playground.storage.history import History


def shown(history: History, conversation_id: int) -> list[str]:
    return [m.content for m in history.load_messages(conversation_id)]


def conversation(history: History, *texts: str) -> int:
    cid = history.create_conversation("t").id
    for index, text in enumerate(texts):
        history.add_message(cid, "user" if index % 2 == 0 else "assistant", text)
    return cid


def test_regenerating_archives_the_old_reply_and_it_can_be_shown_again(tmp_path: Path) -> None:
    history = History(tmp_path / "h.db")
    cid = conversation(history, "q", "first answer")
    assert history.archive_from(cid, 1) is not None
    history.add_message(cid, "assistant", "second answer")
    assert shown(history, cid) == ["q", "second answer"]
    [first, second] = history.alternatives(cid)[1]
    assert (first.preview, second.preview, second.branch_id) == (
        "first answer", "second answer", None)
    assert first.branch_id is not None
    history.switch_branch(cid, first.branch_id)
    assert shown(history, cid) == ["q", "first answer"]
    assert [a.preview for a in history.alternatives(cid)[1]] == ["first answer",
                                                                 "second answer"]
    assert history.count_messages(cid) == 2


def test_nested_alternatives_travel_with_their_branch(tmp_path: Path) -> None:
    history = History(tmp_path / "h.db")
    cid = conversation(history, "q1", "a1", "q2", "a2")
    history.archive_from(cid, 3)  # regenerate a2
    history.add_message(cid, "assistant", "a2 again")
    history.archive_from(cid, 0)  # edit q1: everything goes into one branch
    history.add_message(cid, "user", "q1 edited")
    assert shown(history, cid) == ["q1 edited"]
    assert list(history.alternatives(cid)) == [0]  # the a2 fork lives inside the branch
    old = next(a for a in history.alternatives(cid)[0] if a.branch_id is not None)
    assert old.branch_id is not None
    history.switch_branch(cid, old.branch_id)
    assert shown(history, cid) == ["q1", "a1", "q2", "a2 again"]
    assert sorted(history.alternatives(cid)) == [0, 3]  # both forks are reachable again


def test_a_database_from_before_branches_is_migrated(tmp_path: Path) -> None:
    import sqlite3

    from playground.storage import schema

    path = tmp_path / "old.db"
    db = sqlite3.connect(path, isolation_level=None)
    for version, script in enumerate(schema.MIGRATIONS[:2], start=1):
        db.executescript(f"BEGIN;{script}PRAGMA user_version = {version};COMMIT;")
    db.execute("INSERT INTO conversations VALUES (1, 't', 0, 0, '', '', '{}')")
    db.execute("INSERT INTO messages (conversation_id, position, role, content, created_at,"
               " updated_at) VALUES (1, 0, 'user', 'kept', 0, 0)")
    db.close()
    history = History(path)
    assert shown(history, 1) == ["kept"]
    assert history.archive_from(1, 0) is not None and shown(history, 1) == []


def test_a_database_whose_gallery_made_its_own_tables_migrates(tmp_path: Path) -> None:
    """Earlier versions created the gallery's table outside the migrations."""
    import sqlite3

    from playground.storage import schema
    from playground.storage.gallery import Gallery

    path = tmp_path / "old.db"
    db = sqlite3.connect(path, isolation_level=None)
    for version, script in enumerate(schema.MIGRATIONS[:2], start=1):
        db.executescript(f"BEGIN;{script}PRAGMA user_version = {version};COMMIT;")
    db.executescript(schema.MIGRATIONS[4])  # the gallery's own CREATE, as it ran then
    db.execute("INSERT INTO gallery_images (created_at, kind, model, file, thumbnail, mime,"
               " width, height) VALUES (0, 'generate', 'm', 'f.png', 't.png', 'image/png', 1, 1)")
    db.close()
    History(path).close()
    assert schema.schema_version(sqlite3.connect(path)) == schema.LATEST_VERSION
    gallery = Gallery(path, tmp_path / "media")
    assert len(gallery.entries("")) == 1
    gallery.close()


def test_the_gallery_alone_brings_a_new_database_up_to_date(tmp_path: Path) -> None:
    import sqlite3

    from playground.storage import schema
    from playground.storage.gallery import Gallery

    Gallery(tmp_path / "new.db", tmp_path / "media").close()
    assert schema.schema_version(sqlite3.connect(tmp_path / "new.db")) == schema.LATEST_VERSION
