"""Hosted tool calls priced per call: web search from genai-prices (the table where it does not
know the model), code interpreter per session, images in chat per quality and size."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from playground.model.types import ToolUsage
from playground.usage.pricing import load_price_book
from playground.usage.tool_pricing import tool_records


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
