"""Responses stream events of the file search tool -> plain events (model/types.py).

`response.output_item.added/done` carry the `file_search_call` item (its queries, and its
results when the request included `file_search_call.results`); the three
`response.file_search_call.*` events move its status; a `file_citation` annotation points
the reply at a file. Everything else is not ours: None.
"""

from __future__ import annotations

from typing import Any

from playground.model.types import FileCitation, FileSearchCall, FileSearchResult

_STATUS = {"response.file_search_call.in_progress": "in_progress",
           "response.file_search_call.searching": "searching",
           "response.file_search_call.completed": "completed"}
_ITEM_EVENTS = ("response.output_item.added", "response.output_item.done")


def file_search_event(event: Any) -> FileSearchCall | FileCitation | None:
    kind = event.type
    if kind in _STATUS:
        return FileSearchCall(event.item_id, _STATUS[kind])
    if kind in _ITEM_EVENTS and getattr(event.item, "type", None) == "file_search_call":
        return call_of(event.item)
    if kind == "response.output_text.annotation.added":
        note = event.annotation
        if getattr(note, "type", None) == "file_citation":
            return FileCitation(note.file_id, note.filename, note.index)
    return None


def call_of(item: Any) -> FileSearchCall:
    results = tuple(FileSearchResult(r.file_id or "", r.filename or "", r.score, r.text or "")
                    for r in item.results or [])
    return FileSearchCall(item.id, str(item.status), tuple(item.queries or ()), results)
