"""The prompt library's store: prompts and their versions in the app's SQLite database.

Every save adds a version; nothing is edited in place, so any earlier version can be shown,
compared or brought back. Synchronous and thread-safe (one connection, one lock): the app calls
it through services/prompt_library.py, which runs every call on one worker thread.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from playground.model.prompts import (
    Prompt,
    PromptContent,
    PromptMessage,
    PromptVersion,
    content_to_json,
    diff_text,
)
from playground.storage import schema
from playground.storage.paths import StorageUnavailable
from playground.storage.search import snippet

if TYPE_CHECKING:
    from playground.storage.prompt_io import ImportedPrompt

_TRIGRAM = 3  # the FTS5 trigram index answers terms this long or longer


class PromptLibraryError(Exception):
    """Something the user asked of the library cannot be done; str() says why, for people."""


class EmptyName(PromptLibraryError):
    def __init__(self) -> None:
        super().__init__("A prompt needs a name.")


class DuplicateName(PromptLibraryError):
    """The name is taken; `existing` is the prompt that has it (the UI offers to add a
    version to it instead)."""

    def __init__(self, existing: Prompt) -> None:
        super().__init__(f"A prompt named “{existing.name}” already exists.")
        self.existing = existing


class PromptNotFound(PromptLibraryError):
    def __init__(self, prompt_id: int, number: int | None = None) -> None:
        what = f"Version {number} of this prompt" if number is not None else "This prompt"
        super().__init__(f"{what} no longer exists (it may have been deleted).")


@dataclass(frozen=True)
class PromptHit:
    prompt: Prompt
    snippet: str  # the matching text of the newest matching version, or the name
    version: int | None = None  # that version; None when only the name matched


def name_key(name: str) -> str:
    """The name as compared for duplicates: NFKC-normalised, case-folded, spaces collapsed
    (so a full-width "ＡＢＣ" and "abc " are the same name)."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


class PromptStore:
    """Prompts and versions. `path=None` keeps them in memory (tests; unusable data folder)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._lock = threading.RLock()
        try:
            self._db = sqlite3.connect(":memory:" if path is None else str(path),
                                       isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise StorageUnavailable(f"Cannot open the prompt library {path}: {exc}.") from exc
        try:
            self._db.row_factory = sqlite3.Row
            schema.ensure_supported(self._db)
            if path is not None:
                self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute("PRAGMA busy_timeout = 5000")
            # Whichever store opens the shared database first brings it up to date.
            self.migrated_from = schema.migrate(self._db)
        except (sqlite3.Error, schema.NewerSchema) as exc:
            self._db.close()
            raise StorageUnavailable(
                f"Cannot use the prompt library {path or '(in memory)'}: {exc}.") from exc

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # ---- prompts ------------------------------------------------------------------------

    def create(self, name: str, content: PromptContent, note: str = "") -> PromptVersion:
        """A new prompt with `content` as its version 1."""
        name = " ".join(name.split())
        if not name:
            raise EmptyName()
        now = time.time()
        with self._lock, self._transaction():
            existing = self._by_key(name_key(name))
            if existing is not None:
                raise DuplicateName(existing)
            cursor = self._db.execute(
                "INSERT INTO prompts (name, name_key, created_at, updated_at) VALUES (?,?,?,?)",
                (name, name_key(name), now, now))
            assert cursor.lastrowid is not None
            return self._insert_version(cursor.lastrowid, 1, content, note, now)

    def prompts(self) -> list[Prompt]:
        """Every prompt, most recently saved first."""
        with self._lock:
            rows = self._db.execute(_PROMPTS + " ORDER BY p.updated_at DESC, p.id DESC")
            return [_prompt(row) for row in rows.fetchall()]

    def get(self, prompt_id: int) -> Prompt | None:
        with self._lock:
            row = self._db.execute(_PROMPTS + " WHERE p.id = ?", (prompt_id,)).fetchone()
        return None if row is None else _prompt(row)

    def find(self, name: str) -> Prompt | None:
        """The prompt with this name as compared for duplicates, if any."""
        with self._lock:
            return self._by_key(name_key(name))

    def delete(self, prompt_id: int) -> None:
        with self._lock, self._transaction():
            # Versions first and explicitly: their delete trigger keeps the index right.
            self._db.execute("DELETE FROM prompt_versions WHERE prompt_id = ?", (prompt_id,))
            self._db.execute("DELETE FROM prompts WHERE id = ?", (prompt_id,))

    # ---- versions -----------------------------------------------------------------------

    def save_version(self, prompt_id: int, content: PromptContent, note: str) -> PromptVersion:
        """Add `content` as the prompt's next version."""
        now = time.time()
        with self._lock, self._transaction():
            row = self._db.execute("SELECT MAX(number) FROM prompt_versions WHERE prompt_id = ?",
                                   (prompt_id,)).fetchone()
            if row[0] is None:
                raise PromptNotFound(prompt_id)
            version = self._insert_version(prompt_id, int(row[0]) + 1, content, note, now)
            self._db.execute("UPDATE prompts SET updated_at = ? WHERE id = ?", (now, prompt_id))
            return version

    def versions(self, prompt_id: int) -> list[PromptVersion]:
        """The prompt's versions, newest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT * FROM prompt_versions WHERE prompt_id = ? ORDER BY number DESC",
                (prompt_id,)).fetchall()
        return [_version(row) for row in rows]

    def version(self, prompt_id: int, number: int | None = None) -> PromptVersion:
        """One version (the latest when `number` is None); raises PromptNotFound."""
        with self._lock:
            if number is None:
                row = self._db.execute(
                    "SELECT * FROM prompt_versions WHERE prompt_id = ?"
                    " ORDER BY number DESC LIMIT 1", (prompt_id,)).fetchone()
            else:
                row = self._db.execute(
                    "SELECT * FROM prompt_versions WHERE prompt_id = ? AND number = ?",
                    (prompt_id, number)).fetchone()
        if row is None:
            raise PromptNotFound(prompt_id, number)
        return _version(row)

    def diff(self, prompt_id: int, old: int, new: int) -> str:
        """Unified diff from version `old` to version `new` ("" when they are the same)."""
        return diff_text(self.version(prompt_id, old), self.version(prompt_id, new))

    def roll_back(self, prompt_id: int, number: int) -> PromptVersion:
        """Bring version `number` back as a new latest version; history stays whole."""
        old = self.version(prompt_id, number)
        return self.save_version(prompt_id, old.content, f"Rolled back to v{number}")

    # ---- import ------------------------------------------------------------------------

    def add_imported(self, imported: Sequence[ImportedPrompt], *,
                     into_existing: bool) -> list[Prompt]:
        """Store imported prompts in one transaction (all or nothing). A prompt whose name is
        taken either gets the imported versions appended (`into_existing`) or is stored as a
        copy named "… (imported)", "… (imported 2)"…; nothing already stored changes."""
        stored: list[int] = []
        with self._lock, self._transaction():
            for prompt in imported:
                existing = self._by_key(name_key(prompt.name))
                if existing is not None and into_existing:
                    number = existing.latest
                    for version in prompt.versions:
                        number += 1
                        note = ("Imported: " + version.note).strip().rstrip(":")
                        self._insert_version(existing.id, number, version.content, note,
                                             time.time())
                    self._db.execute("UPDATE prompts SET updated_at = ? WHERE id = ?",
                                     (time.time(), existing.id))
                    stored.append(existing.id)
                    continue
                name = " ".join(prompt.name.split()) or "Imported prompt"
                if existing is not None:
                    name = self._free_name(name)
                first = prompt.versions[0].created or time.time()
                last = prompt.versions[-1].created or time.time()
                cursor = self._db.execute(
                    "INSERT INTO prompts (name, name_key, created_at, updated_at)"
                    " VALUES (?,?,?,?)", (name, name_key(name), first, last))
                assert cursor.lastrowid is not None
                for number, version in enumerate(prompt.versions, start=1):
                    self._insert_version(cursor.lastrowid, number, version.content,
                                         version.note, version.created or time.time())
                stored.append(cursor.lastrowid)
        return [p for p in (self.get(i) for i in stored) if p is not None]

    def conflicts(self, imported: Sequence[ImportedPrompt]) -> list[Prompt]:
        """Stored prompts that share a name with an imported one."""
        with self._lock:
            found = (self._by_key(name_key(p.name)) for p in imported)
            return list({p.id: p for p in found if p is not None}.values())

    def _free_name(self, name: str) -> str:
        candidate, n = f"{name} (imported)", 1
        while self._by_key(name_key(candidate)) is not None:
            n += 1
            candidate = f"{name} (imported {n})"
        return candidate

    # ---- search -------------------------------------------------------------------------

    def search(self, query: str, limit: int = 200) -> list[PromptHit]:
        """Prompts whose name or any version's text contains every term (any language);
        most recently saved first. Each term may match the name or the text."""
        terms = list(dict.fromkeys(query.split()))
        if not terms:
            return [PromptHit(p, p.name) for p in self.prompts()[:limit]]
        conditions: list[str] = []
        params: list[str] = []
        for term in terms:
            like = "%" + _escape_like(term) + "%"
            if len(term) >= _TRIGRAM:
                text = ("v.id IN (SELECT rowid FROM prompt_search WHERE prompt_search MATCH ?)")
                params += [like, '"' + term.replace('"', '""') + '"']
            else:  # too short for the trigram index (你好): LIKE on what is left
                text = "v.search_text LIKE ? ESCAPE '\\'"
                params += [like, like]
            conditions.append(f"(p.name LIKE ? ESCAPE '\\' OR {text})")
        with self._lock:
            rows = self._db.execute(
                "SELECT p.id, MAX(v.number) AS hit FROM prompts p"
                " JOIN prompt_versions v ON v.prompt_id = p.id"
                f" WHERE {' AND '.join(conditions)} GROUP BY p.id", params).fetchall()
            hits = []
            for row in rows:
                prompt = self.get(int(row["id"]))
                if prompt is None:
                    continue
                version = self.version(prompt.id, int(row["hit"]))
                in_name = all(term.casefold() in prompt.name.casefold() for term in terms)
                text = version.content.instructions + "\n" + "\n".join(
                    m.text for m in version.content.messages)
                hits.append(PromptHit(prompt, prompt.name if in_name else snippet(text, terms),
                                      None if in_name else version.number))
        hits.sort(key=lambda hit: (hit.prompt.updated, hit.prompt.id), reverse=True)
        return hits[:limit]

    # ---- internals ----------------------------------------------------------------------

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)

    def _by_key(self, key: str) -> Prompt | None:
        row = self._db.execute(_PROMPTS + " WHERE p.name_key = ?", (key,)).fetchone()
        return None if row is None else _prompt(row)

    def _insert_version(self, prompt_id: int, number: int, content: PromptContent, note: str,
                        now: float) -> PromptVersion:
        data = content_to_json(content)
        self._db.execute(
            "INSERT INTO prompt_versions (prompt_id, number, note, created_at, instructions,"
            " messages_json, model, settings_json, tools_json, schema_json, search_text)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (prompt_id, number, note.strip(), now, content.instructions,
             _dumps(data["messages"]), content.model, _dumps(data["settings"]),
             _dumps(data["tools"]),
             None if content.response_schema is None else _dumps(content.response_schema),
             "\n".join(content.texts())))
        return PromptVersion(prompt_id, number, note.strip(), now, content)


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT, or ROLLBACK on any exception (the connection autocommits)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, value: object, trace: object) -> None:
        self._db.execute("COMMIT" if kind is None else "ROLLBACK")


_PROMPTS = ("SELECT p.id, p.name, p.created_at, p.updated_at,"
            " (SELECT MAX(number) FROM prompt_versions WHERE prompt_id = p.id) AS latest"
            " FROM prompts p")


def _prompt(row: sqlite3.Row) -> Prompt:
    return Prompt(int(row["id"]), row["name"], float(row["created_at"]),
                  float(row["updated_at"]), int(row["latest"] or 0))


def _version(row: sqlite3.Row) -> PromptVersion:
    messages: Iterable[dict[str, Any]] = json.loads(row["messages_json"])
    content = PromptContent(
        instructions=row["instructions"],
        messages=tuple(PromptMessage(str(m["role"]), str(m["text"])) for m in messages),
        model=row["model"],
        settings=json.loads(row["settings_json"]),
        tools=tuple(json.loads(row["tools_json"])),
        response_schema=None if row["schema_json"] is None else json.loads(row["schema_json"]),
    )
    return PromptVersion(int(row["prompt_id"]), int(row["number"]), row["note"],
                         float(row["created_at"]), content)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
