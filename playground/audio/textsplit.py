"""Split text for the speech endpoint (≤ 4,096 characters a request) at sentence ends."""

from __future__ import annotations

import re

SPEECH_INPUT_LIMIT = 4_096

# A sentence ends at . ! ? ; … (ASCII or full-width CJK) plus closing quotes/brackets;
# Latin punctuation needs following whitespace ("3.14" and "e.g." stay whole).
_SENTENCE_END = re.compile(
    r"(?:[。！？；…]+[”’」』）)\]]*\s*)|(?:[.!?;]+[\"'”’)\]]*(?:\s+|$))|(?:\n\s*\n)"
)
_CLAUSE_END = re.compile(r"(?:[，、,：:]\s*)|\s+")


def sentences(text: str) -> list[str]:
    parts: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        parts.append(text[start:match.end()])
        start = match.end()
    if start < len(text):
        parts.append(text[start:])
    return [p for p in parts if p.strip()]


def split_for_speech(text: str, limit: int = SPEECH_INPUT_LIMIT) -> list[str]:
    """Pieces ≤ limit, packed greedily from whole sentences, in order; joined they give text."""
    chunks: list[str] = []
    current = ""
    for sentence in sentences(text):
        for piece in _fit(sentence, limit):
            if len(current) + len(piece) <= limit:
                current += piece
            else:
                chunks.append(current)
                current = piece
    if current.strip():
        chunks.append(current)
    return [c for c in chunks if c.strip()]


def _fit(sentence: str, limit: int) -> list[str]:
    """A sentence longer than the limit is cut at commas or spaces, else hard."""
    if len(sentence) <= limit:
        return [sentence]
    pieces: list[str] = []
    rest = sentence
    while len(rest) > limit:
        cut = 0
        for match in _CLAUSE_END.finditer(rest, 0, limit):
            cut = match.end()
        if cut <= 0:
            cut = limit
        pieces.append(rest[:cut])
        rest = rest[cut:]
    if rest:
        pieces.append(rest)
    return pieces
