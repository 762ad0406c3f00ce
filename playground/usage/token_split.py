"""A text (or a list of token ids) split into its tokens, for showing them one by one.

Qt-free and pure: the tokenizer view runs these on a worker thread. Only the first `limit`
tokens are turned into pieces (a Python loop per token); the count is always of all of them.

A token may end in the middle of a multi-byte UTF-8 character (Chinese, emoji): such tokens
are kept together with the following ones until the character is whole, so every piece is
whole characters. Bytes that never make a whole character (possible with hand-typed ids) are
shown as U+FFFD, as `bytes.decode(errors="replace")` does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import tiktoken

RENDER_LIMIT = 5_000
_MAX_GROUP = 8  # tokens joined into one piece at most (a char is 4 bytes; junk ids may be more)


@dataclass(frozen=True, slots=True)
class TokenPiece:
    """One token, or the few tokens that together make whole characters."""

    ids: tuple[int, ...]
    text: str
    byte_start: int  # span in the UTF-8 bytes of the whole text
    byte_end: int
    raw: bytes  # the token bytes, joined

    @property
    def is_group(self) -> bool:
        return len(self.ids) > 1


@dataclass(frozen=True, slots=True)
class TokenSplit:
    encoding: str
    token_count: int  # all tokens of the text
    char_count: int  # all characters of the text (code points)
    pieces: tuple[TokenPiece, ...]  # at most the first `limit` tokens, grouped
    shown_tokens: int  # how many tokens the pieces hold
    text: str  # the whole text (for ids: what they decode to)

    @property
    def truncated(self) -> bool:
        return self.shown_tokens < self.token_count


class TokenIdError(ValueError):
    """An id list that cannot be decoded. kind: "not_a_number" (`item` as typed) or
    "unknown_id" (`item` is not in the vocabulary, whose ids run 0..`max_id`)."""

    def __init__(self, kind: str, item: str, max_id: int = 0) -> None:
        if kind == "not_a_number":
            message = f"{item!r} is not a token id: ids are whole numbers such as 9906"
        else:
            message = f"{item} is not a token id (ids run from 0 to {max_id})"
        super().__init__(message)
        self.kind = kind
        self.item = item
        self.max_id = max_id


def split_text(encoding: tiktoken.Encoding, text: str, limit: int = RENDER_LIMIT) -> TokenSplit:
    """`text` as `encoding` tokenizes it (special-token text counts as plain text, as in a
    message's content)."""
    ids = encoding.encode_ordinary(text)
    return _split(encoding, ids, text, limit)


def split_ids(encoding: tiktoken.Encoding, ids: Sequence[int],
              limit: int = RENDER_LIMIT) -> TokenSplit:
    """What the ids decode to; raises TokenIdError naming the first id not in the vocabulary."""
    for token in ids:
        if not is_token(encoding, token):
            raise TokenIdError("unknown_id", str(token), encoding.max_token_value)
    text = encoding.decode(list(ids), errors="replace")
    return _split(encoding, list(ids), text, limit)


def is_token(encoding: tiktoken.Encoding, token: int) -> bool:
    if not 0 <= token <= encoding.max_token_value:
        return False
    try:
        encoding.decode_single_token_bytes(token)
    except KeyError:  # a gap between the ordinary and the special tokens
        return False
    return True


_SEPARATORS = re.compile(r"[\s,;\[\]()]+")


def parse_ids(typed: str) -> list[int]:
    """`[9906, 1917]`, `9906 1917`, one per line, … -> the ids; TokenIdError names the first
    entry that is not a whole non-negative number."""
    ids = []
    for item in _SEPARATORS.split(typed):
        if not item:
            continue
        if not item.isascii() or not item.isdigit():
            raise TokenIdError("not_a_number", item)
        ids.append(int(item))
    return ids


def _split(encoding: tiktoken.Encoding, ids: list[int], text: str, limit: int) -> TokenSplit:
    shown = ids[:limit]
    decode = encoding.decode_single_token_bytes
    raws = [decode(token) for token in shown]
    count = len(raws)
    pieces: list[TokenPiece] = []
    offset = 0
    i = 0
    while i < count:
        end = i + 1
        joined = raws[i]
        # Keep taking tokens while the next one continues a character (it starts with a
        # UTF-8 continuation byte) that is still unfinished.
        while (end < count and 0x80 <= raws[end][0] < 0xC0 and end - i < _MAX_GROUP
               and _unfinished(joined)):
            joined += raws[end]
            end += 1
        if end == limit and end < len(ids) and _unfinished(joined):
            break  # the character goes on past the cap: leave the whole group out
        pieces.append(TokenPiece(tuple(shown[i:end]), joined.decode("utf-8", errors="replace"),
                                 offset, offset + len(joined), joined))
        offset += len(joined)
        i = end
    return TokenSplit(encoding.name, len(ids), len(text), tuple(pieces), i, text)


def _unfinished(data: bytes) -> bool:
    """Does `data` end inside a multi-byte UTF-8 character?"""
    for back in range(1, min(4, len(data)) + 1):
        byte = data[-back]
        if byte < 0x80:
            return False
        if byte >= 0xC0:  # the lead byte: it says how long the character is
            length = 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
            return back < length
    return False  # only continuation bytes: junk, nothing more will complete it
