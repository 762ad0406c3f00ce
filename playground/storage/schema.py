"""The history database's schema and its forward migrations.

PRAGMA user_version records how far a database has been migrated. Migrations only ever
append: a released step is never edited, so an update never loses history. Each step runs
in one transaction together with its version bump, so a crash mid-migration leaves the
database at the previous version, not half-way.
"""

from __future__ import annotations

import sqlite3

# Step N (1-based) brings a database from user_version N-1 to N.
MIGRATIONS: tuple[str, ...] = (
    # 1: conversations and messages.
    """
    CREATE TABLE conversations (
        id            INTEGER PRIMARY KEY,
        title         TEXT    NOT NULL,
        created_at    REAL    NOT NULL,
        updated_at    REAL    NOT NULL,
        model         TEXT    NOT NULL DEFAULT '',
        system_prompt TEXT    NOT NULL DEFAULT '',
        params_json   TEXT    NOT NULL DEFAULT '{}'
    );
    CREATE INDEX conversations_by_recency ON conversations(updated_at, id);

    CREATE TABLE messages (
        id              INTEGER PRIMARY KEY,
        conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        position        INTEGER NOT NULL,
        role            TEXT    NOT NULL,
        content         TEXT    NOT NULL DEFAULT '',
        images_json     TEXT    NOT NULL DEFAULT '[]',
        status          TEXT    NOT NULL DEFAULT 'complete'
                        CHECK (status IN ('complete', 'streaming', 'interrupted', 'error')),
        error_json      TEXT,
        model           TEXT    NOT NULL DEFAULT '',
        usage_json      TEXT,
        request_id      TEXT,
        created_at      REAL    NOT NULL,
        updated_at      REAL    NOT NULL
    );
    -- Paging (last N before a position), counting and truncation all use this index.
    CREATE UNIQUE INDEX messages_by_position ON messages(conversation_id, position);
    -- Tiny partial index: finding replies cut off by a crash must not scan every message.
    CREATE INDEX messages_streaming ON messages(id) WHERE status = 'streaming';
    """,
    # 2: full-text search over message content and conversation titles. The trigram
    # tokenizer matches any substring of 3+ characters, so Chinese (which unicode61 does not
    # split into words) is searchable; shorter terms fall back to LIKE in the search code.
    # A reply is indexed only once it stops streaming: its content is rewritten every
    # 250 ms while streaming, and re-indexing it each time would make that write costly.
    """
    CREATE VIRTUAL TABLE message_search USING fts5(
        content, content='messages', content_rowid='id', tokenize='trigram'
    );
    CREATE VIRTUAL TABLE title_search USING fts5(
        title, content='conversations', content_rowid='id', tokenize='trigram'
    );

    CREATE TRIGGER messages_search_insert AFTER INSERT ON messages
    WHEN new.status != 'streaming' BEGIN
        INSERT INTO message_search(rowid, content) VALUES (new.id, new.content);
    END;
    CREATE TRIGGER messages_search_delete AFTER DELETE ON messages
    WHEN old.status != 'streaming' BEGIN
        INSERT INTO message_search(message_search, rowid, content)
        VALUES ('delete', old.id, old.content);
    END;
    -- One trigger, two statements in a fixed order: the old entry must go before the new.
    CREATE TRIGGER messages_search_update AFTER UPDATE OF content, status ON messages BEGIN
        INSERT INTO message_search(message_search, rowid, content)
        SELECT 'delete', old.id, old.content WHERE old.status != 'streaming';
        INSERT INTO message_search(rowid, content)
        SELECT new.id, new.content WHERE new.status != 'streaming';
    END;

    CREATE TRIGGER conversations_search_insert AFTER INSERT ON conversations BEGIN
        INSERT INTO title_search(rowid, title) VALUES (new.id, new.title);
    END;
    CREATE TRIGGER conversations_search_delete AFTER DELETE ON conversations BEGIN
        INSERT INTO title_search(title_search, rowid, title) VALUES ('delete', old.id, old.title);
    END;
    CREATE TRIGGER conversations_search_update AFTER UPDATE OF title ON conversations BEGIN
        INSERT INTO title_search(title_search, rowid, title) VALUES ('delete', old.id, old.title);
        INSERT INTO title_search(rowid, title) VALUES (new.id, new.title);
    END;

    INSERT INTO message_search(rowid, content)
        SELECT id, content FROM messages WHERE status != 'streaming';
    INSERT INTO title_search(title_search) VALUES ('rebuild');
    """,
    # 3: branches. Regenerating or editing never deletes: the messages from that position
    # on move into an archived branch (branch_id set), which the user can switch back to.
    # The conversation as shown is the messages with branch_id NULL, so positions stay
    # unique there and paging keeps its index. A branch archived while it held other
    # archived branches becomes their parent, so nested alternatives are kept too.
    """
    CREATE TABLE branches (
        id              INTEGER PRIMARY KEY,
        conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        fork_position   INTEGER NOT NULL,
        parent_id       INTEGER REFERENCES branches(id) ON DELETE CASCADE,
        created_at      REAL    NOT NULL
    );
    CREATE INDEX branches_by_fork ON branches(conversation_id, parent_id, fork_position);
    ALTER TABLE messages ADD COLUMN branch_id INTEGER REFERENCES branches(id)
        ON DELETE CASCADE;
    DROP INDEX messages_by_position;
    CREATE UNIQUE INDEX messages_by_position ON messages(conversation_id, position)
        WHERE branch_id IS NULL;
    CREATE INDEX messages_by_branch ON messages(branch_id, position)
        WHERE branch_id IS NOT NULL;
    """,
    # 4: what a reply carries beyond its text (which API made it, reasoning summary, tool
    # calls, citations, logprobs, timing), as JSON: it grows with the API, not the schema.
    """
    ALTER TABLE messages ADD COLUMN meta_json TEXT;
    """,
    # 5: the image gallery, once created by the gallery itself ("IF NOT EXISTS": databases
    # from those versions already have it).
    """
    CREATE TABLE IF NOT EXISTS gallery_images (
        id             INTEGER PRIMARY KEY,
        created_at     REAL    NOT NULL,
        kind           TEXT    NOT NULL CHECK (kind IN ('generate', 'edit', 'variation')),
        model          TEXT    NOT NULL,
        prompt         TEXT    NOT NULL DEFAULT '',
        revised_prompt TEXT,
        settings_json  TEXT    NOT NULL DEFAULT '{}',
        cost           TEXT,   -- dollars as a decimal string, NULL when the price is unknown
        file           TEXT    NOT NULL,  -- relative to the media folder
        thumbnail      TEXT    NOT NULL,
        mime           TEXT    NOT NULL,
        width          INTEGER NOT NULL,
        height         INTEGER NOT NULL,
        request_id     TEXT,
        profile        TEXT    NOT NULL DEFAULT ''
    );
    CREATE INDEX IF NOT EXISTS gallery_images_by_date ON gallery_images(created_at, id);
    """,
    # 6: the prompt library. A prompt's versions are never edited (a save or a rollback adds
    # one), so the search index needs no update trigger. `name_key` is the name folded for
    # comparison, so "Support" and "support " cannot both exist. `search_text` is the
    # instructions and messages of the version, searched with the trigram index like messages.
    """
    CREATE TABLE prompts (
        id         INTEGER PRIMARY KEY,
        name       TEXT    NOT NULL,
        name_key   TEXT    NOT NULL UNIQUE,
        created_at REAL    NOT NULL,
        updated_at REAL    NOT NULL
    );
    CREATE INDEX prompts_by_recency ON prompts(updated_at, id);

    CREATE TABLE prompt_versions (
        id            INTEGER PRIMARY KEY,
        prompt_id     INTEGER NOT NULL REFERENCES prompts(id) ON DELETE CASCADE,
        number        INTEGER NOT NULL,
        note          TEXT    NOT NULL DEFAULT '',
        created_at    REAL    NOT NULL,
        instructions  TEXT    NOT NULL DEFAULT '',
        messages_json TEXT    NOT NULL DEFAULT '[]',
        model         TEXT    NOT NULL DEFAULT '',
        settings_json TEXT    NOT NULL DEFAULT '{}',
        tools_json    TEXT    NOT NULL DEFAULT '[]',
        schema_json   TEXT,
        search_text   TEXT    NOT NULL DEFAULT '',
        UNIQUE (prompt_id, number)
    );

    CREATE VIRTUAL TABLE prompt_search USING fts5(
        search_text, content='prompt_versions', content_rowid='id', tokenize='trigram'
    );
    CREATE TRIGGER prompt_versions_search_insert AFTER INSERT ON prompt_versions BEGIN
        INSERT INTO prompt_search(rowid, search_text) VALUES (new.id, new.search_text);
    END;
    CREATE TRIGGER prompt_versions_search_delete AFTER DELETE ON prompt_versions BEGIN
        INSERT INTO prompt_search(prompt_search, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
    END;
    """,
    # 7: batch runs: the run as started (rows and templates copied in, so reopening it never
    # depends on the file still being there), and one row per finished request, written as
    # each finishes so a crash or quit loses no finished row and a reopened run continues
    # with only the missing ones.
    """
    CREATE TABLE batch_runs (
        id             INTEGER PRIMARY KEY,
        created_at     REAL    NOT NULL,
        updated_at     REAL    NOT NULL,
        title          TEXT    NOT NULL DEFAULT '',
        source         TEXT    NOT NULL DEFAULT '',  -- the rows' file, as chosen
        columns_json   TEXT    NOT NULL,
        rows_json      TEXT    NOT NULL,
        templates_json TEXT    NOT NULL,
        checks_json    TEXT    NOT NULL DEFAULT '[]',
        concurrency    INTEGER NOT NULL DEFAULT 4,
        profile        TEXT    NOT NULL DEFAULT ''
    );
    CREATE TABLE batch_rows (
        run_id            INTEGER NOT NULL REFERENCES batch_runs(id) ON DELETE CASCADE,
        variant           INTEGER NOT NULL,  -- which template of the run
        row_index         INTEGER NOT NULL,
        status            TEXT    NOT NULL CHECK (status IN ('done', 'error')),
        output            TEXT    NOT NULL DEFAULT '',
        prompt_tokens     INTEGER NOT NULL DEFAULT 0,
        completion_tokens INTEGER NOT NULL DEFAULT 0,
        estimated         INTEGER NOT NULL DEFAULT 0,
        cost              TEXT,  -- dollars as a decimal string, NULL when unknown
        seconds           REAL    NOT NULL DEFAULT 0,
        passed            INTEGER,  -- NULL: no checks (or the request failed)
        problems_json     TEXT    NOT NULL DEFAULT '[]',
        error             TEXT    NOT NULL DEFAULT '',
        request_id        TEXT,
        finished_at       REAL    NOT NULL,
        PRIMARY KEY (run_id, variant, row_index)
    ) WITHOUT ROWID;
    """,
)

LATEST_VERSION = len(MIGRATIONS)


class NewerSchema(Exception):
    """The database was written by a newer app version; we must not touch it."""

    def __init__(self, found: int) -> None:
        super().__init__(
            f"it was written by a newer version of the app (schema {found}; this version "
            f"understands up to {LATEST_VERSION}). Update the app; your history is untouched"
        )
        self.found = found


def schema_version(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def ensure_supported(connection: sqlite3.Connection) -> int:
    """The database's version; raises NewerSchema before anything writes to it."""
    version = schema_version(connection)
    if version > LATEST_VERSION:
        raise NewerSchema(version)
    return version


def migrate(connection: sqlite3.Connection) -> int:
    """Bring the database up to LATEST_VERSION; returns the version it started at.

    The connection must be in autocommit mode (isolation_level=None): each step manages
    its own transaction.
    """
    start = ensure_supported(connection)
    for version in range(start + 1, LATEST_VERSION + 1):
        script = MIGRATIONS[version - 1]
        try:
            connection.executescript(
                f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {version};\nCOMMIT;"
            )
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
    return start
