"""File search events -> what a reply keeps (ReplyDetails.file_searches / file_citations),
as JSON-ready dicts so the reply's meta stores them and a reopened conversation shows the
same card."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from playground.model.types import FileCitation, FileSearchCall

if TYPE_CHECKING:
    from playground.services.chat_turns import ReplyDetails
    from playground.services.container import Services
    from playground.usage.records import UsageRecord


def apply_file_search(searches: list[dict[str, Any]], citations: list[dict[str, Any]],
                      event: FileSearchCall | FileCitation) -> None:
    """Update the call with the event's id (status, and queries/results once it has them),
    or keep the citation."""
    if isinstance(event, FileCitation):
        citations.append(asdict(event))
        return
    found = next((s for s in searches if s.get("id") == event.id), None)
    if found is None:
        found = {"id": event.id, "status": event.status, "queries": [], "results": []}
        searches.append(found)
    found["status"] = event.status
    if event.queries:
        found["queries"] = list(event.queries)
    if event.results:
        found["results"] = [asdict(r) for r in event.results]


def search_count(searches: list[dict[str, Any]]) -> int:
    """Calls the platform bills: every search that ran (failed ones are not billed)."""
    return sum(1 for s in searches if s.get("status") != "failed")


def price_file_searches(services: Services, model: str, details: ReplyDetails) -> None:
    """The reply's file search calls priced (per call, billed on top of tokens), kept in
    `details.file_search_cost` as a decimal string ("" when unpriced or none ran)."""
    from playground.usage.tool_pricing import file_search_cost

    calls = search_count(details.file_searches)
    if not calls:
        return
    try:
        cost = file_search_cost(services.usage.prices, model, calls)
    except Exception:  # prices unavailable (ledger closed): the card shows no cost
        return
    details.file_search_cost = "" if cost is None else str(cost)


def file_search_record(model: str, profile: str, details: ReplyDetails,
                       request_id: str | None, conversation_id: int | None) -> UsageRecord | None:
    """The ledger's row for a reply's file searches (None: it ran none). The chat session
    reports it beside the reply's token usage, so the ledger and budgets count the calls."""
    from playground.usage.records import UsageRecord

    calls = search_count(details.file_searches)
    if not calls:
        return None
    return UsageRecord(endpoint="file_search", model=model, profile=profile,
                       tool_calls=calls, request_id=request_id,
                       conversation_id=conversation_id)
