"""Branches of a conversation: nothing a user wrote or paid for is deleted by edit/regenerate.

The shown conversation is its messages with `branch_id IS NULL`. Starting over from a
position archives the shown messages from there into a new branch; switching to an archived
branch archives what is shown from its fork in turn, then brings the branch's messages back.
Branches archived inside another branch get it as `parent_id`, so nested alternatives travel
with it. Functions take a connection inside the caller's transaction.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class Alternative:
    """One version of the conversation from a fork position on."""

    branch_id: int | None  # None: the version shown now
    created_at: float  # when its first message (at the fork) was written
    preview: str  # the start of that first message


def archive_from(db: sqlite3.Connection, conversation_id: int, position: int,
                 now: float) -> int | None:
    shown = db.execute(
        "SELECT count(*) FROM messages WHERE conversation_id = ? AND branch_id IS NULL"
        " AND position >= ?", (conversation_id, position)).fetchone()[0]
    if not shown:
        return None
    branch = db.execute(
        "INSERT INTO branches (conversation_id, fork_position, parent_id, created_at)"
        " VALUES (?, ?, NULL, ?)", (conversation_id, position, now)).lastrowid
    assert branch is not None
    db.execute("UPDATE messages SET branch_id = ? WHERE conversation_id = ?"
               " AND branch_id IS NULL AND position >= ?", (branch, conversation_id, position))
    # Alternatives that forked inside the archived part belong to it now; those forking at
    # the same position stay siblings of it.
    db.execute("UPDATE branches SET parent_id = ? WHERE conversation_id = ? AND id != ?"
               " AND parent_id IS NULL AND fork_position > ?",
               (branch, conversation_id, branch, position))
    return branch


def activate(db: sqlite3.Connection, conversation_id: int, branch_id: int, now: float) -> None:
    row = db.execute("SELECT fork_position, parent_id FROM branches WHERE id = ?"
                     " AND conversation_id = ?", (branch_id, conversation_id)).fetchone()
    if row is None:
        raise KeyError(f"no branch {branch_id} in conversation {conversation_id}")
    fork, parent = row
    if parent is not None:
        raise ValueError("only a branch forking from the shown conversation can be shown")
    archive_from(db, conversation_id, fork, now)
    db.execute("UPDATE messages SET branch_id = NULL WHERE branch_id = ?", (branch_id,))
    db.execute("UPDATE branches SET parent_id = NULL WHERE parent_id = ?", (branch_id,))
    db.execute("DELETE FROM branches WHERE id = ?", (branch_id,))


def alternatives(db: sqlite3.Connection, conversation_id: int) -> dict[int, list[Alternative]]:
    rows = db.execute(
        "SELECT b.id, b.fork_position, m.created_at, substr(m.content, 1, 80)"
        " FROM branches b JOIN messages m ON m.branch_id = b.id AND m.position = b.fork_position"
        " WHERE b.conversation_id = ? AND b.parent_id IS NULL", (conversation_id,)).fetchall()
    forks: dict[int, list[Alternative]] = {}
    for branch, position, created, preview in rows:
        forks.setdefault(position, []).append(Alternative(branch, created, preview))
    for position, found in forks.items():
        shown = db.execute(
            "SELECT created_at, substr(content, 1, 80) FROM messages WHERE conversation_id = ?"
            " AND branch_id IS NULL AND position = ?", (conversation_id, position)).fetchone()
        if shown is not None:
            found.append(Alternative(None, shown[0], shown[1]))
        found.sort(key=lambda a: (a.created_at, a.branch_id or 0))
    return forks
