"""Markdown -> Qt rich-text HTML, block by block, for messages that arrive in pieces.

`BlockSplitter` cuts a growing text into finished markdown blocks (a blank line outside a
code fence, followed by an unindented line), so the view renders each block once and the
stream costs O(total length). `MarkdownRenderer` renders one block: markdown-it (tables,
strikethrough), raw HTML escaped, fenced code highlighted by Pygments with a "Copy" link
whose anchor `copy-code:N` indexes the code kept in `RenderedBlock.codes`.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QColor, QPalette

if TYPE_CHECKING:  # markdown-it and Pygments load on the first render, after the first paint
    from markdown_it import MarkdownIt
    from markdown_it.token import Token
    from pygments.formatters import HtmlFormatter
    from pygments.lexer import Lexer

COPY_CODE_SCHEME = "copy-code"

# Token colours chosen for contrast against a light or a dark code background.
LIGHT_CODE_STYLE = "default"
DARK_CODE_STYLE = "monokai"

_FENCE_OPEN = re.compile(r" {0,3}(`{3,}|~{3,})")


class BlockSplitter:
    """Splits streamed text into finished markdown blocks; the rest stays as the tail.

    A block ends at a blank line outside a code fence, but only once the next non-blank
    line has arrived and is not indented (an indented line may continue a list item).
    Every character is scanned once, so feeding n characters costs O(n).
    """

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self._buf = ""
        self._line_start = 0  # start of the first line not yet scanned
        self._search_from = 0  # where to look for the next newline
        self._boundary: int | None = None  # end of the last blank line seen
        self._fence: str | None = None  # the open fence's marker, e.g. "```"

    @property
    def tail(self) -> str:
        """Text received but not yet part of a finished block."""
        return self._buf

    def feed(self, text: str) -> list[str]:
        """Add text; return the blocks it finished, in order."""
        self._buf += text
        blocks: list[str] = []
        while True:
            end = self._buf.find("\n", self._search_from)
            if end < 0:
                self._search_from = len(self._buf)
                # The next line's first character is enough to end the block.
                first = self._buf[self._line_start:self._line_start + 1]
                if self._boundary is not None and first.strip():
                    blocks.append(self._cut(self._boundary))
                    self._boundary = None
                return blocks
            line = self._buf[self._line_start:end]
            block = self._scan_line(line, end + 1)
            if block is not None:
                blocks.append(block)

    def _scan_line(self, line: str, next_start: int) -> str | None:
        self._line_start = self._search_from = next_start
        if self._fence is not None:
            stripped = line.strip()
            if stripped.startswith(self._fence) and set(stripped) == {self._fence[0]}:
                self._fence = None
            return None
        if not line.strip():
            self._boundary = next_start
            return None
        block = None
        if self._boundary is not None and not line[:1].isspace():
            block = self._cut(self._boundary)
        self._boundary = None
        opened = _FENCE_OPEN.match(line)
        if opened:
            self._fence = opened.group(1)
        return block

    def _cut(self, end: int) -> str:
        block, self._buf = self._buf[:end], self._buf[end:]
        self._line_start -= end
        self._search_from -= end
        return block

    def take_tail(self) -> str:
        """Return the unfinished tail and start afresh (at the end of a message)."""
        tail = self._buf
        self._reset()
        return tail


@dataclass(frozen=True)
class MarkdownTheme:
    """Colours the HTML needs that Qt's palette does not apply by itself."""

    dark: bool
    code_background: str
    border: str
    muted: str

    @classmethod
    def from_palette(cls, palette: QPalette) -> MarkdownTheme:
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        dark = palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5
        return cls(
            dark=dark,
            code_background=mix_colors(base, text, 0.07).name(),
            border=mix_colors(base, text, 0.25).name(),
            muted=mix_colors(base, text, 0.6).name(),
        )


def mix_colors(a: QColor, b: QColor, amount: float) -> QColor:
    """a blended toward b by amount (0..1)."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount,
        a.greenF() + (b.greenF() - a.greenF()) * amount,
        a.blueF() + (b.blueF() - a.blueF()) * amount,
    )


@dataclass
class RenderedBlock:
    html: str
    codes: list[str] = field(default_factory=list)  # raw code of each fenced block, in order


@lru_cache(maxsize=64)
def _lexer(language: str) -> Lexer:
    from pygments.lexers import TextLexer, get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        return get_lexer_by_name(language) if language else TextLexer()
    except ClassNotFound:
        return TextLexer()


@lru_cache(maxsize=2)
def _formatter(style: str) -> HtmlFormatter[str]:
    from pygments.formatters import HtmlFormatter

    # Inline styles: Qt's rich text has no stylesheet classes for spans.
    return HtmlFormatter(style=style, noclasses=True, nowrap=True)


class MarkdownRenderer:
    """Renders markdown blocks to HTML for QTextDocument with one theme and copy label."""

    def __init__(self, theme: MarkdownTheme, copy_label: str) -> None:
        self.theme = theme
        self._copy_label = copy_label
        self._parser: MarkdownIt | None = None

    def _md(self) -> MarkdownIt:
        """The parser, built on first use (markdown-it compiles many regexes on import)."""
        if self._parser is None:
            from markdown_it import MarkdownIt

            # "commonmark" with html=False escapes any HTML in the source: never rendered.
            md = MarkdownIt("commonmark", {"html": False, "linkify": False})
            md.enable(["table", "strikethrough"])
            # markdown-it binds each rule to its renderer, so rules are closures over self.
            md.add_render_rule(
                "fence", lambda _r, tokens, idx, _o, env: self._render_code(tokens[idx], env))
            md.add_render_rule(
                "code_block",
                lambda _r, tokens, idx, _o, env: self._render_code(tokens[idx], env))
            md.add_render_rule("table_open", lambda *_: self._table_open())
            md.add_render_rule(
                "blockquote_open",
                lambda *_: f'<blockquote style="color:{self.theme.muted}">')
            md.add_render_rule(
                "code_inline", lambda _r, tokens, idx, _o, _env: self._code_inline(tokens[idx]))
            self._parser = md
        return self._parser

    def render(self, text: str, first_code_index: int = 0) -> RenderedBlock:
        block = RenderedBlock("")
        env: dict[str, Any] = {"codes": block.codes, "first": first_code_index}
        block.html = self._md().render(text, env)
        return block

    def _render_code(self, token: Token, env: dict[str, Any]) -> str:
        code = token.content
        language = token.info.strip().split(" ")[0] if token.info else ""
        index = env["first"] + len(env["codes"])
        env["codes"].append(code)
        style = DARK_CODE_STYLE if self.theme.dark else LIGHT_CODE_STYLE
        from pygments import highlight

        body = highlight(code, _lexer(language), _formatter(style)).rstrip("\n")
        label = html.escape(self._copy_label)
        language_note = (
            f' <span style="color:{self.theme.muted}">{html.escape(language)}</span>'
            if language else ""
        )
        return (
            f'<p><a href="{COPY_CODE_SCHEME}:{index}">{label}</a>{language_note}</p>'
            f'<table width="100%" cellspacing="0" cellpadding="8" border="0" '
            'style="margin-bottom:8px" '
            f'bgcolor="{self.theme.code_background}"><tr><td><pre>{body}</pre></td></tr>'
            "</table>\n"
        )

    def _table_open(self) -> str:
        return (
            f'<table border="1" cellspacing="0" cellpadding="5" '
            f'style="border-collapse:collapse; border-style:solid; '
            f'border-color:{self.theme.border}; margin-top:6px; margin-bottom:8px">\n'
        )

    def _code_inline(self, token: Token) -> str:
        code = html.escape(token.content)
        return f'<code style="background-color:{self.theme.code_background}">{code}</code>'
