"""File names a save dialog suggests, made from what is being saved (a prompt, a text)."""

from __future__ import annotations

import re

MAX_WORDS = 7
MAX_CHARS = 48

_NOT_WORD = re.compile(r"[^\w]+")  # \w is Unicode: Chinese text keeps its characters


def suggested_name(text: str, suffix: str, fallback: str) -> str:
    """"A red barn, at dawn!" → "a-red-barn-at-dawn.png": the first few words, lower case,
    joined by hyphens; `fallback` when the text has no word in it. `suffix` without a dot."""
    words = [w for w in _NOT_WORD.split(text.lower()) if w.strip("_")][:MAX_WORDS]
    stem = ""
    for word in words:
        longer = f"{stem}-{word}" if stem else word
        if len(longer) > MAX_CHARS:
            break
        stem = longer
    if not stem and words:  # one very long word
        stem = words[0][:MAX_CHARS]
    return f"{stem or fallback}.{suffix}"
