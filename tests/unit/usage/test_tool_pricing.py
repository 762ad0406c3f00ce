"""Hosted tool calls priced per call: web search and file search from genai-prices (the table
where it does not know the model), code interpreter per session, images in chat per quality and
size, vector storage per GB-day."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from playground.model.types import ToolUsage
from playground.usage.pricing import load_price_book
from playground.usage.tool_pricing import file_search_cost, storage_cost_per_day, tool_records


def records(**usage: object) -> list:  # type: ignore[type-arg]
    return tool_records(ToolUsage(**usage), "gpt-5.4", "p", "req_1", 7)  # type: ignore[arg-type]


def test_one_record_per_billed_call_session_and_image() -> None:
    rows = records(web_searches=2, code_sessions=1, images=1, image_size="1024x1536",
                   image_quality="high")
    assert [r.endpoint for r in rows] == ["web_search", "web_search", "code_interpreter",
                                          "image_generation"]
    assert rows[-1].images == 1 and rows[-1].image_size == "1024x1536"
    assert {r.conversation_id for r in rows} == {7}


def test_each_tool_has_its_price() -> None:
    book = load_price_book()
    search, session, image = records(web_searches=1, code_sessions=1, images=1,
                                     image_size="1024x1536", image_quality="high")
    assert book.cost(search) == Decimal("0.01")  # $10 per 1,000 (genai-prices)
    assert book.cost(session) == Decimal("0.03")
    assert book.cost(image) == Decimal("0.250")


def test_the_table_prices_search_for_a_model_genai_prices_lacks(tmp_path: Path) -> None:
    book = load_price_book()
    [search] = tool_records(ToolUsage(web_searches=1), "my-own-model", "p", None, None)
    assert book.cost(search) == Decimal("0.01")


def test_the_users_file_overrides_a_tool_price(tmp_path: Path) -> None:
    user = tmp_path / "pricing.toml"
    user.write_text('[tools."web_search"]\nper_1k_calls = 25.00\n'
                    '[tools."code_interpreter"]\nper_session = 0.05\n')
    book = load_price_book(user=user)
    search, session = records(web_searches=1, code_sessions=1)
    assert (book.cost(search), book.cost(session)) == (Decimal("0.025"), Decimal("0.05"))


def test_a_self_hosted_server_costs_nothing() -> None:
    [search] = tool_records(ToolUsage(web_searches=1), "gpt-5.4", "p", None, None, free=True)
    assert load_price_book().cost(search) == 0


GIB = 1024 ** 3


def test_calls_from_genai_prices_and_table() -> None:
    book = load_price_book()
    assert file_search_cost(book, "gpt-4.1", 4) == Decimal("0.01")  # genai-prices: $2.50/1k
    # A model genai-prices does not know: the shipped table's per-call price.
    assert file_search_cost(book, "my-relay-model", 2) == Decimal("0.005")
    assert file_search_cost(book, "gpt-4.1", 0) == 0
    # Without the maintained data (a test of the table alone) the table still answers.
    assert file_search_cost(replace(book, maintained=False), "gpt-4.1", 1000) == Decimal("2.5")


def test_storage_beyond_the_free_gigabyte() -> None:
    book = load_price_book()
    assert storage_cost_per_day(book, GIB // 2) == 0
    assert storage_cost_per_day(book, 3 * GIB) == Decimal("0.2")  # 2 billable GB × $0.10
    assert storage_cost_per_day(book, GIB + GIB // 2) == Decimal("0.05")


def test_user_file_wins(tmp_path: Path) -> None:
    user = tmp_path / "pricing.toml"
    user.write_text('[tools."file_search"]\nper_1k_calls = 5\nper_gb_day = 0.2\nfree_gb = 0\n')
    book = load_price_book(user=user)
    assert book.problem is None
    assert file_search_cost(book, "gpt-4.1", 2) == Decimal("0.01")
    assert storage_cost_per_day(book, GIB) == Decimal("0.2")


def test_unknown_tool_price_key_is_reported(tmp_path: Path) -> None:
    user = tmp_path / "pricing.toml"
    user.write_text('[tools."file_search"]\nper_search = 5\n')
    book = load_price_book(user=user)
    assert book.problem is not None and 'unknown price "per_search"' in book.problem
    assert "free_gb, per_1k_calls, per_call, per_gb_day, per_image, per_session" in book.problem


def test_a_file_search_record_is_priced_and_kept_in_the_ledger(tmp_path: Path) -> None:
    from playground.services.chat_turns import ReplyDetails
    from playground.services.file_search_reply import file_search_record
    from playground.usage.ledger import UsageLedger

    details = ReplyDetails(file_searches=[{"id": "fs_1", "status": "completed"},
                                          {"id": "fs_2", "status": "completed"}])
    record = file_search_record("gpt-4.1", "Work", details, "req_1", 7)
    assert record is not None and record.endpoint == "file_search" and record.tool_calls == 2
    assert file_search_record("gpt-4.1", "Work", ReplyDetails(), None, None) is None
    book = load_price_book()
    cost = book.cost(record)
    assert cost == Decimal("0.005")
    ledger = UsageLedger(tmp_path / "ledger.sqlite3")
    try:
        ledger.add(record, cost)
        assert ledger.conversation_total(7).cost == Decimal("0.005")
    finally:
        ledger.close()
