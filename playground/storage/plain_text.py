"""Markdown reduced to its visible text, for one-line titles (not a renderer)."""

from __future__ import annotations

import re

_FENCE = re.compile(r"^\s*(```|~~~).*$", re.MULTILINE)
_LINE_MARKS = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+(?:\[[ xX]\]\s+)?|\d+[.)]\s+)",
                         re.MULTILINE)
_IMAGE_OR_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|~~|\*|_)(?=\S)(.+?)(?<=\S)\1(?!\w)")
_CODE = re.compile(r"`+([^`]*)`+")


def plain_text(markdown: str) -> str:
    """Markdown's visible text, roughly: enough for a one-line title, not a renderer."""
    text = _FENCE.sub("", markdown)
    text = _LINE_MARKS.sub("", text)
    text = _IMAGE_OR_LINK.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    previous = None
    while previous != text:  # nested emphasis: ***both***
        previous, text = text, _EMPHASIS.sub(r"\2", text)
    return text
