"""Full-text search over the history: which conversations contain every term, and where.

Terms are substrings in any language. The FTS5 trigram index answers terms of 3+
characters; shorter ones (common in Chinese, e.g. 你好) cannot use a trigram index, so they
are checked with LIKE on the rows the index already narrowed, or on all rows when no term
is long enough.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

_TRIGRAM = 3
_SNIPPET_BEFORE = 30
_SNIPPET_WIDTH = 100


@dataclass(frozen=True)
class SearchHit:
    conversation_id: int
    title: str
    snippet: str  # the matching text around the first term ("…" where cut); the title if
    # only the title matched
    updated_at: float
    message_id: int | None = None  # the most recent matching message, if any
    position: int | None = None


def search(db: sqlite3.Connection, query: str, limit: int) -> list[SearchHit]:
    terms = list(dict.fromkeys(query.split()))
    if not terms or limit <= 0:
        return []
    hits: dict[int, SearchHit] = {}
    for row in _matching_messages(db, terms):
        if row["conversation_id"] not in hits:
            hits[row["conversation_id"]] = SearchHit(
                row["conversation_id"], row["title"], snippet(row["content"], terms),
                row["updated_at"], row["id"], row["position"],
            )
    for row in _matching_titles(db, terms):
        hits.setdefault(row["id"], SearchHit(row["id"], row["title"], row["title"],
                                             row["updated_at"]))
    ranked = sorted(hits.values(), key=lambda hit: (hit.updated_at, hit.conversation_id),
                    reverse=True)
    return ranked[:limit]


def snippet(text: str, terms: list[str]) -> str:
    """The text around the earliest occurrence of any term, on one line."""
    pattern = re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE)
    found = pattern.search(text)
    start = max(0, found.start() - _SNIPPET_BEFORE) if found else 0
    end = min(len(text), start + _SNIPPET_WIDTH)
    piece = " ".join(text[start:end].split())
    return ("…" if start > 0 else "") + piece + ("…" if end < len(text) else "")


def _matching_messages(db: sqlite3.Connection, terms: list[str]) -> list[sqlite3.Row]:
    fts, likes, params = _conditions(terms, "m.content", "message_search")
    source = (
        "message_search JOIN messages m ON m.id = message_search.rowid" if fts else "messages m"
    )
    return db.execute(
        f"SELECT m.id, m.position, m.content, m.conversation_id, c.title, c.updated_at"
        f" FROM {source} JOIN conversations c ON c.id = m.conversation_id"
        f" WHERE {' AND '.join(fts + likes)}"
        f" ORDER BY c.updated_at DESC, c.id DESC, m.position DESC",
        params,
    ).fetchall()


def _matching_titles(db: sqlite3.Connection, terms: list[str]) -> list[sqlite3.Row]:
    fts, likes, params = _conditions(terms, "c.title", "title_search")
    source = "title_search JOIN conversations c ON c.id = title_search.rowid" if fts else (
        "conversations c"
    )
    return db.execute(
        f"SELECT c.id, c.title, c.updated_at FROM {source} WHERE {' AND '.join(fts + likes)}",
        params,
    ).fetchall()


def _conditions(
    terms: list[str], column: str, fts_table: str
) -> tuple[list[str], list[str], list[str]]:
    indexed = [term for term in terms if len(term) >= _TRIGRAM]
    short = [term for term in terms if len(term) < _TRIGRAM]
    fts: list[str] = []
    params: list[str] = []
    if indexed:
        # Each term as a quoted phrase: with the trigram tokenizer that is a substring match.
        fts.append(f"{fts_table} MATCH ?")
        params.append(" ".join('"' + term.replace('"', '""') + '"' for term in indexed))
    likes = [f"{column} LIKE ? ESCAPE '\\'" for _ in short]
    params.extend("%" + _escape_like(term) + "%" for term in short)
    return fts, likes, params


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
