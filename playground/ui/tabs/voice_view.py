"""What the Voice tab shows as text: the conversation (both sides apart, an interrupted reply
cut where playback stopped) and the session's cost (audio apart from text)."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from playground.model.money import format_cost
from playground.model.voice import BYTES_PER_MS, TranscriptLine

if TYPE_CHECKING:
    from playground.model.voice import VoiceUsage
    from playground.usage.voice_pricing import VoiceCost

# Mid-tone colours that read on light and dark backgrounds alike.
USER_COLOR = "#3a7bd5"
MODEL_COLOR = "#2e9d4f"
TOOL_COLOR = "#a0722a"
UNHEARD_COLOR = "#8a8a8a"


def _tr(text: str) -> str:
    return QCoreApplication.translate("VoiceTab", text)


def heard_part(text: str, heard_ms: int, audio_ms: int) -> tuple[str, str]:
    """Split a reply's transcript where playback stopped, in proportion to the audio heard
    (the API gives no word timings), at a word boundary: (heard, not heard)."""
    if audio_ms <= 0 or heard_ms >= audio_ms:
        return text, ""
    cut = round(len(text) * max(0, heard_ms) / audio_ms)
    while 0 < cut < len(text) and not text[cut - 1].isspace():
        cut -= 1
    return text[:cut].rstrip(), text[cut:].lstrip()


def conversation_html(lines: list[TranscriptLine], audio_bytes: dict[str, int]) -> str:
    """The conversation as HTML (every piece of text escaped). audio_bytes: PCM received per
    assistant item, to place the cut of an interrupted reply."""
    you, model = html.escape(_tr("You")), html.escape(_tr("Model"))
    rows = []
    for line in lines:
        if line.role == "user":
            who, color = you, USER_COLOR
        elif line.role == "assistant":
            who, color = model, MODEL_COLOR
        else:
            who, color = html.escape(_tr("Function")), TOOL_COLOR
        text = html.escape(line.text)
        if line.truncated_at_ms is not None:
            audio_ms = audio_bytes.get(line.item_id, 0) // BYTES_PER_MS
            heard, unheard = heard_part(line.text, line.truncated_at_ms, audio_ms)
            text = html.escape(heard)
            if unheard:
                text += (f' <s><span style="color:{UNHEARD_COLOR}">'
                         f"{html.escape(unheard)}</span></s>")
            note = _tr("✂ interrupted at %1 s").replace(
                "%1", f"{line.truncated_at_ms / 1000:.1f}")
            text += f' <i style="color:{UNHEARD_COLOR}">{html.escape(note)}</i>'
        elif not line.done:
            text += " …"
        margin = "margin-left:24px;" if line.role != "user" else "margin-right:24px;"
        rows.append(f'<p style="{margin}"><b style="color:{color}">{who}:</b> {text}</p>')
    return "".join(rows)


def cost_text(usage: VoiceUsage, cost: VoiceCost) -> str:
    if not cost.known:
        price = _tr("no price known for this model")
    else:
        price = (_tr("%1 (audio %2, text %3)").replace("%1", format_cost(cost.total))
                 .replace("%2", format_cost(cost.audio)).replace("%3", format_cost(cost.text)))
    return (_tr("Audio tokens in %1, out %2 · text tokens in %3, out %4 · cached %5 · %6")
            .replace("%1", f"{usage.input_audio:,}").replace("%2", f"{usage.output_audio:,}")
            .replace("%3", f"{usage.input_text:,}").replace("%4", f"{usage.output_text:,}")
            .replace("%5", f"{usage.cached_text + usage.cached_audio:,}")
            .replace("%6", price))
