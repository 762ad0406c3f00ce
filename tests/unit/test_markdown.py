"""Markdown blocks for streaming: the splitter, the renderer, and incremental == full render."""

from __future__ import annotations

import random

import pytest
from PySide6.QtGui import QColor, QPalette, QTextDocument

from playground.ui.markdown import (
    DARK_CODE_STYLE,
    LIGHT_CODE_STYLE,
    BlockSplitter,
    MarkdownRenderer,
    MarkdownTheme,
)
from playground.ui.widgets.message_document import SEGMENT_CHARS, StreamingDocument

SAMPLE = """# Title

Intro paragraph with **bold**, `code` and 中文字符。

- item one
- item two
  continued

1. first
2. second

| a | b |
|---|---|
| 1 | 2 |

```python
def f(x):

    return x * 2
```

> quoted

Last <b>para</b>.
"""

LIGHT = MarkdownTheme(dark=False, code_background="#f4f4f4", border="#bbbbbb", muted="#666666")
DARK = MarkdownTheme(dark=True, code_background="#2a2a2a", border="#555555", muted="#aaaaaa")


def feed_in_pieces(splitter: BlockSplitter, text: str, seed: int) -> list[str]:
    rng = random.Random(seed)
    blocks: list[str] = []
    i = 0
    while i < len(text):
        n = rng.randint(1, 9)
        blocks += splitter.feed(text[i:i + n])
        i += n
    return blocks


@pytest.mark.parametrize("seed", range(5))
def test_splitter_blocks_and_tail_rebuild_the_source(seed: int) -> None:
    splitter = BlockSplitter()
    blocks = feed_in_pieces(splitter, SAMPLE, seed)
    assert "".join(blocks) + splitter.take_tail() == SAMPLE
    assert blocks[0] == "# Title\n\n"


def test_splitter_never_cuts_inside_a_code_fence() -> None:
    splitter = BlockSplitter()
    blocks = splitter.feed("```\na\n\nb\n```\n\nafter\n")
    assert blocks == ["```\na\n\nb\n```\n\n"]
    assert splitter.tail == "after\n"


def test_splitter_needs_a_longer_or_equal_fence_to_close() -> None:
    splitter = BlockSplitter()
    code = "````\n```\n\nstill code\n````\n\n"
    assert splitter.feed(code + "x") == [code]


def test_splitter_keeps_an_indented_continuation_in_the_block() -> None:
    splitter = BlockSplitter()
    assert splitter.feed("- item\n\n  more of the item\n\nnext") == [
        "- item\n\n  more of the item\n\n"
    ]


def test_renderer_escapes_html_in_the_source() -> None:
    html = MarkdownRenderer(LIGHT, "Copy").render("<script>alert(1)</script>\n\n<b>x</b>").html
    assert "<script>" not in html and "<b>x" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;x&lt;/b&gt;" in html


def test_renderer_refuses_javascript_links() -> None:
    html = MarkdownRenderer(LIGHT, "Copy").render("[x](javascript:alert(1))").html
    assert "javascript:" not in html.split(">", 1)[0] and 'href="javascript' not in html


def test_each_code_block_gets_a_copy_anchor_and_its_raw_code() -> None:
    text = "```python\nprint('<a>')\n```\n\ntext\n\n~~~\nsecond\n~~~\n"
    block = MarkdownRenderer(LIGHT, "Kopieren").render(text, first_code_index=3)
    assert block.codes == ["print('<a>')\n", "second\n"]
    assert 'href="copy-code:3">Kopieren</a>' in block.html
    assert 'href="copy-code:4">Kopieren</a>' in block.html
    assert "&lt;a&gt;" in block.html


def test_tables_and_strikethrough_are_enabled() -> None:
    html = MarkdownRenderer(LIGHT, "Copy").render("| a |\n|---|\n| 1 |\n\n~~gone~~").html
    assert "<table" in html and "<td>1</td>" in html and "<s>gone</s>" in html


def test_code_colours_follow_the_palette_lightness() -> None:
    assert LIGHT_CODE_STYLE != DARK_CODE_STYLE
    light = MarkdownRenderer(LIGHT, "Copy").render("```python\ndef f(): pass\n```").html
    dark = MarkdownRenderer(DARK, "Copy").render("```python\ndef f(): pass\n```").html
    assert light != dark
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#181818"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#eeeeee"))
    assert MarkdownTheme.from_palette(palette).dark
    palette.setColor(QPalette.ColorRole.Window, QColor("#f0f0f0"))
    assert not MarkdownTheme.from_palette(palette).dark


def make_stream() -> StreamingDocument:
    renderer = MarkdownRenderer(LIGHT, "Copy")
    return StreamingDocument(renderer, QTextDocument, lambda _keep_first: None)


@pytest.mark.parametrize(("seed", "repeat"), [(seed, 1) for seed in range(6)] + [(7, 60)])
def test_streamed_document_equals_a_full_render(qapp, seed: int, repeat: int) -> None:  # type: ignore[no-untyped-def]
    source = SAMPLE * repeat
    full = make_stream()
    full.set_text(source)
    stream = make_stream()
    rng = random.Random(seed)
    i = 0
    while i < len(source):
        n = rng.randint(1, 12)
        stream.append(source[i:i + n])
        i += n
    stream.finish()
    assert stream.plain_text() == full.plain_text()
    assert stream.source == source
    expected = 1 + (len(source) - 1) // SEGMENT_CHARS if repeat > 1 else 1
    assert len(stream.segments) == len(full.segments)
    assert abs(len(stream.segments) - expected) <= 1 and (len(stream.segments) > 1) == (
        repeat > 1)
    assert stream.code(0) == "def f(x):\n\n    return x * 2\n"
    assert stream.code(repeat - 1) == stream.code(0)
    assert "Title\nIntro paragraph with bold, code and 中文字符。\nitem one" in full.plain_text()


def test_a_message_starting_with_blank_lines_has_no_empty_first_line(qapp) -> None:  # type: ignore[no-untyped-def]
    stream = make_stream()
    stream.set_text("\n\nHello\n\nworld")
    assert stream.plain_text() == "Hello\nworld"
