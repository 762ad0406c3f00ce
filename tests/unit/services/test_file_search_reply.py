"""A chat reply that searched files (Responses, loopback server, real SDK): the searches and
the chunks used are kept on the turn and in history, the citation too, the calls priced."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import Any

from playground.model.file_search import FileSearchTool
from playground.model.types import ChatRequest, FileCitation, FileSearchCall
from playground.services.chat_turns import ChatControls, ReplyDetails
from playground.services.file_search_reply import apply_file_search, search_count
from playground.services.reply_options import ReplyOptions
from tests.fake_openai.routes_files import _StoreFile, files_state
from tests.unit.services.test_chat_session import of, open_session, run


def test_reply_keeps_the_search_its_chunks_and_cost(fake_api: Any, tmp_path: Any) -> None:
    state = files_state(fake_api)
    doc = state.add_file("handbook.md", b"Holidays: 25 days a year.")
    state.stores["vs_hr"] = {"name": "HR", "created_at": 0}
    state.store_files["vs_hr"] = {doc.id: _StoreFile(doc.id, 0, status="completed")}
    template = ChatRequest(model="gpt-4.1", messages=[],
                           file_search=FileSearchTool(("vs_hr",)))

    def controls() -> ChatControls:
        return ChatControls("gpt-4.1", "", {}, template, ReplyOptions(api="responses"))

    async def body() -> None:
        async with open_session(fake_api, tmp_path, controls) as (session, events):
            moved: list[int] = []
            session.reply.file_search.connect(lambda turn: moved.append(turn.id))
            reported: list[Any] = []
            real_report = session.services.usage.report
            session.services.usage.report = lambda r: (  # type: ignore[method-assign]
                reported.append(r), real_report(r))[1]
            await session.send("how many holidays", [], title="")
            for _ in range(500):  # usage is reported in the background
                if any(r.endpoint == "file_search" for r in reported):
                    break
                await asyncio.sleep(0.01)
            [searched] = [r for r in reported if r.endpoint == "file_search"]
            assert searched.tool_calls == 1 and searched.model == "gpt-4.1"
            assert session.services.usage.prices.cost(searched) == Decimal("0.0025")
            reply = session.turns[-1]
            [search] = reply.details.file_searches
            assert search["status"] == "completed"
            assert search["queries"] == ["how many holidays"]
            assert search["results"] == [{"file_id": doc.id, "filename": "handbook.md",
                                          "score": 0.9, "text": "Holidays: 25 days a year."}]
            assert reply.details.file_citations == [
                {"file_id": doc.id, "filename": "handbook.md", "index": len(reply.content)}]
            assert reply.details.file_search_cost == "0.0025"  # genai-prices: $2.50 / 1k
            assert len(moved) >= 5 and not of(events, "message")
            stored = await session.services.history.load_messages(session.conversation_id)
            again = ReplyDetails.from_json(stored[-1].meta)
            assert again.file_searches == reply.details.file_searches
            assert again.file_search_cost == "0.0025"

    run(body)


def test_apply_updates_one_call_by_id() -> None:
    searches: list[dict[str, Any]] = []
    citations: list[dict[str, Any]] = []
    apply_file_search(searches, citations, FileSearchCall("fs_1", "in_progress"))
    apply_file_search(searches, citations, FileSearchCall("fs_1", "searching"))
    apply_file_search(searches, citations, FileSearchCall("fs_2", "failed"))
    apply_file_search(searches, citations, FileCitation("file-1", "a.txt", 3))
    assert [(s["id"], s["status"]) for s in searches] == [("fs_1", "searching"),
                                                          ("fs_2", "failed")]
    assert citations == [{"file_id": "file-1", "filename": "a.txt", "index": 3}]
    assert search_count(searches) == 1
