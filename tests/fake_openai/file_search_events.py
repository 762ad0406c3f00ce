"""The file search tool's part of a Responses stream, built from the SDK's own types: the
`file_search_call` item added, in_progress -> searching -> completed, the item done with
its queries (and results when `include` asks for `file_search_call.results`), and a
file_citation for the reply.

Results come from the files attached to the requested stores on this server
(routes_files): processed files only, as the platform searches what is ready.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from openai.types.responses import (
    ResponseFileSearchCallCompletedEvent,
    ResponseFileSearchCallInProgressEvent,
    ResponseFileSearchCallSearchingEvent,
    ResponseFileSearchToolCall,
    ResponseOutputItemAddedEvent,
    ResponseOutputItemDoneEvent,
)
from openai.types.responses.response_file_search_tool_call import Result
from openai.types.responses.response_output_text_annotation_added_event import (
    AnnotationFileCitation,
)

from tests.fake_openai.routes_files import FilesState


def file_search_tool(body: dict[str, Any]) -> dict[str, Any] | None:
    return next((t for t in body.get("tools") or [] if t.get("type") == "file_search"), None)


def missing_store(body: dict[str, Any], state: FilesState) -> str | None:
    """The first requested store this server does not have (the API answers 400 then)."""
    tool = file_search_tool(body)
    for store_id in (tool or {}).get("vector_store_ids") or []:
        if store_id not in state.stores:
            return str(store_id)
    return None


def _results(tool: dict[str, Any], state: FilesState, query: str) -> list[Result]:
    found: list[Result] = []
    for store_id in tool.get("vector_store_ids") or []:
        for attached in state.store_files.get(store_id, {}).values():
            file = state.files.get(attached.file_id)
            if file is None or attached.status != "completed":
                continue
            text = state.contents.get(file.id, b"").decode("utf-8", "replace")
            found.append(Result(file_id=file.id, filename=file.filename,
                                score=round(0.9 - 0.1 * len(found), 4), text=text[:400],
                                attributes={}))
    limit = int(tool.get("max_num_results") or 20)
    return found[:limit] if query else []


def search_events(body: dict[str, Any], state: FilesState, query: str, index: int,
                  seq: Iterator[int], rid: str) -> Iterator[Any]:
    """The call's events; the finished item is the last thing yielded's `item`."""
    tool = file_search_tool(body) or {}
    call_id = f"fs_{rid}"
    item = ResponseFileSearchToolCall(id=call_id, type="file_search_call", queries=[],
                                      status="in_progress")
    yield ResponseOutputItemAddedEvent(type="response.output_item.added", item=item,
                                       output_index=index, sequence_number=next(seq))
    common = {"item_id": call_id, "output_index": index}
    yield ResponseFileSearchCallInProgressEvent(
        type="response.file_search_call.in_progress", sequence_number=next(seq), **common)
    yield ResponseFileSearchCallSearchingEvent(
        type="response.file_search_call.searching", sequence_number=next(seq), **common)
    yield ResponseFileSearchCallCompletedEvent(
        type="response.file_search_call.completed", sequence_number=next(seq), **common)
    included = "file_search_call.results" in (body.get("include") or [])
    done = item.model_copy(update={
        "status": "completed", "queries": [query],
        "results": _results(tool, state, query) if included else None})
    yield ResponseOutputItemDoneEvent(type="response.output_item.done", item=done,
                                      output_index=index, sequence_number=next(seq))


def citation_of(done_item: Any, reply: str) -> AnnotationFileCitation | None:
    """A citation of the best chunk's file at the end of the reply (None: nothing found)."""
    results = done_item.results or []
    if not results:
        return None
    best = results[0]
    return AnnotationFileCitation(type="file_citation", file_id=best.file_id,
                                  filename=best.filename, index=len(reply))
