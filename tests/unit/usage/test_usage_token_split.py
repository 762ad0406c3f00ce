"""Splitting text and token ids into pieces for the tokenizer view."""

from __future__ import annotations

import pytest

from playground.usage.encodings import get_encoding
from playground.usage.token_split import (
    TokenIdError,
    parse_ids,
    split_ids,
    split_text,
)

MIXED = "Hello world! 你好，世界。😀👍🏽 naïve 𝔘𝔫𝔦\n\tend"


@pytest.mark.parametrize("name", ["o200k_base", "cl100k_base"])
def test_pieces_are_whole_characters_that_add_up_to_the_text(name: str) -> None:
    encoding = get_encoding(name)
    split = split_text(encoding, MIXED)
    ids = encoding.encode_ordinary(MIXED)
    assert split.token_count == len(ids)
    assert split.char_count == len(MIXED)
    assert "".join(piece.text for piece in split.pieces) == MIXED
    assert [t for piece in split.pieces for t in piece.ids] == ids
    assert "\ufffd" not in "".join(piece.text for piece in split.pieces)
    # Byte spans are contiguous and match the UTF-8 of each piece.
    data = MIXED.encode()
    assert split.pieces[-1].byte_end == len(data)
    for piece in split.pieces:
        assert data[piece.byte_start:piece.byte_end] == piece.raw == piece.text.encode()


def test_a_character_split_over_tokens_is_one_group() -> None:
    # cl100k_base spells 𝔘 (4 UTF-8 bytes) with three tokens.
    split = split_text(get_encoding("cl100k_base"), "𝔘")
    assert len(split.pieces) == 1
    piece = split.pieces[0]
    assert piece.is_group and len(piece.ids) == split.token_count > 1
    assert piece.text == "𝔘"


def test_only_the_first_tokens_become_pieces_but_counts_are_whole() -> None:
    encoding = get_encoding("o200k_base")
    text = "word " * 100
    split = split_text(encoding, text, limit=10)
    assert split.token_count == len(encoding.encode_ordinary(text))
    assert split.shown_tokens == 10 and len(split.pieces) == 10
    assert split.truncated and split.char_count == len(text)


def test_the_cap_never_cuts_a_character_in_half() -> None:
    encoding = get_encoding("cl100k_base")
    split = split_text(encoding, "a𝔘b", limit=2)  # 'a', then 𝔘 over three tokens
    assert split.shown_tokens == 1
    assert [piece.text for piece in split.pieces] == ["a"]


@pytest.mark.parametrize("typed", ["[9906, 1917]", "9906 1917", "9906,1917\n", " (9906;1917) "])
def test_parse_ids_accepts_lists_and_spaces(typed: str) -> None:
    assert parse_ids(typed) == [9906, 1917]


@pytest.mark.parametrize(("typed", "item"), [("9906 hello", "hello"), ("1, -5", "-5"),
                                             ("1.5", "1.5"), ("٣", "٣")])
def test_parse_ids_names_the_entry_that_is_not_a_number(typed: str, item: str) -> None:
    with pytest.raises(TokenIdError) as caught:
        parse_ids(typed)
    assert caught.value.kind == "not_a_number" and caught.value.item == item


def test_ids_round_trip_to_text() -> None:
    encoding = get_encoding("o200k_base")
    ids = encoding.encode_ordinary(MIXED)
    split = split_ids(encoding, ids)
    assert split.text == MIXED
    assert "".join(piece.text for piece in split.pieces) == MIXED


@pytest.mark.parametrize("bad", [200_019, 10**12, 199_998])  # past the end; a gap
def test_unknown_ids_are_named(bad: int) -> None:
    encoding = get_encoding("o200k_base")
    with pytest.raises(TokenIdError) as caught:
        split_ids(encoding, [9906, bad])
    assert caught.value.kind == "unknown_id" and caught.value.item == str(bad)
    assert caught.value.max_id == 200_018


def test_ids_that_do_not_make_whole_characters_show_a_replacement() -> None:
    encoding = get_encoding("cl100k_base")
    first = encoding.encode_ordinary("𝔘")[0]  # the first bytes of a character, alone
    split = split_ids(encoding, [first, 9906])
    assert [piece.text for piece in split.pieces] == ["\ufffd", "Hello"]
    assert split.pieces[0].raw == encoding.decode_single_token_bytes(first)
