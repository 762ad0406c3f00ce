"""A transcript with optional timestamps and speakers: parsed from verbose_json / diarized_json /
srt / vtt, rendered back. Speakers survive every rendering: "Speaker A: …" lines in text and
SRT, WebVTT voice spans (`<v Speaker A>…`) in VTT, which `from_cues` reads back."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any


@dataclass(frozen=True)
class Segment:
    start: float
    end: float
    text: str
    speaker: str = ""  # diarized: "A", "B"… or a known speaker's name; "" when not diarized


SPEAKER_WORD = "Speaker"


def speaker_label(speaker: str, word: str = SPEAKER_WORD) -> str:
    """"A" -> "Speaker A" (the API's sequential labels); a known name stays as it is."""
    speaker = speaker.strip()
    if len(speaker) <= 2 and speaker.isalnum() and speaker.upper() == speaker:
        return f"{word} {speaker}"
    return speaker


def _labelled(segment: Segment, word: str = SPEAKER_WORD) -> str:
    if not segment.speaker:
        return segment.text
    return f"{speaker_label(segment.speaker, word)}: {segment.text}"


@dataclass(frozen=True)
class Word:
    start: float
    end: float
    word: str


@dataclass
class Transcript:
    text: str
    segments: list[Segment] = field(default_factory=list)
    words: list[Word] = field(default_factory=list)
    language: str | None = None
    duration: float | None = None  # seconds, when the server said

    @property
    def timed(self) -> bool:
        return bool(self.segments or self.words)

    @property
    def diarized(self) -> bool:
        return any(s.speaker for s in self.segments)

    def labelled_text(self, word: str = SPEAKER_WORD) -> str:
        """The text with one "Speaker A: …" line per segment when diarized, else the text."""
        if not self.diarized:
            return self.text
        return "\n".join(_labelled(s, word) for s in self.segments)

    def cues(self) -> list[Segment]:
        """Timed lines: the segments, else words grouped at sentence ends (≤ 12 a line)."""
        if self.segments or not self.words:
            return self.segments
        lines: list[Segment] = []
        group: list[Word] = []
        for word in self.words:
            group.append(word)
            if len(group) >= 12 or word.word.rstrip().endswith((".", "!", "?", "。", "！", "？")):
                lines.append(_line(group))
                group = []
        if group:
            lines.append(_line(group))
        return lines

    def shifted(self, seconds: float) -> Transcript:
        return Transcript(
            self.text,
            [replace(s, start=s.start + seconds, end=s.end + seconds) for s in self.segments],
            [replace(w, start=w.start + seconds, end=w.end + seconds) for w in self.words],
            self.language,
            self.duration,
        )


def _line(words: list[Word]) -> Segment:
    return Segment(words[0].start, words[-1].end, " ".join(w.word.strip() for w in words))


def from_diarized_json(body: dict[str, Any]) -> Transcript:
    """`diarized_json` (the SDK's TranscriptionDiarized): segments with speakers and times."""
    segments = [Segment(float(s["start"]), float(s["end"]), str(s.get("text", "")).strip(),
                        str(s.get("speaker") or ""))
                for s in body.get("segments") or []]
    duration = body.get("duration")
    return Transcript(str(body.get("text", "")).strip(), segments, [], None,
                      float(duration) if duration is not None else None)


def from_verbose_json(body: dict[str, Any]) -> Transcript:
    segments = [Segment(float(s["start"]), float(s["end"]), str(s["text"]).strip())
                for s in body.get("segments") or []]
    words = [Word(float(w["start"]), float(w["end"]), str(w["word"]))
             for w in body.get("words") or []]
    duration = body.get("duration")
    return Transcript(str(body.get("text", "")).strip(), segments, words,
                      body.get("language"), float(duration) if duration is not None else None)


_VOICE = re.compile(r"^<v(?:\.[\w.-]+)?\s+([^>]+)>(.*?)(?:</v>)?$", re.DOTALL)
_CUE_TIME = re.compile(
    r"(?:(\d+):)?(\d{1,2}):(\d{2})[,.](\d{3})\s*-->\s*(?:(\d+):)?(\d{1,2}):(\d{2})[,.](\d{3})"
)


def _seconds(h: str | None, m: str, s: str, ms: str) -> float:
    return int(h or 0) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000


def from_cues(body: str) -> Transcript:
    """Parse SRT or WebVTT: blocks separated by blank lines, each with a `a --> b` line."""
    segments: list[Segment] = []
    for block in re.split(r"\r?\n\s*\r?\n", body.strip()):
        lines = block.strip().splitlines()
        for i, line in enumerate(lines):
            match = _CUE_TIME.search(line)
            if match:
                g = match.groups()
                text = " ".join(x.strip() for x in lines[i + 1:] if x.strip())
                voice = _VOICE.match(text)
                speaker = ""
                if voice:  # WebVTT voice span: the speaker
                    speaker, text = voice.group(1).strip(), voice.group(2).strip()
                segments.append(Segment(_seconds(*g[:4]), _seconds(*g[4:]), text, speaker))
                break
    return Transcript(" ".join(s.text for s in segments), segments)


def _stamp(seconds: float, sep: str) -> str:
    ms = round(seconds * 1000)
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def to_srt(t: Transcript) -> str:
    """SubRip has no speaker field: a diarized cue reads "Speaker A: …"."""
    segments = t.cues() or [Segment(0.0, t.duration or 0.0, t.text)]
    return "\n".join(f"{i}\n{_stamp(s.start, ',')} --> {_stamp(s.end, ',')}\n{_labelled(s)}\n"
                     for i, s in enumerate(segments, 1))


def _vtt_text(s: Segment) -> str:
    if not s.speaker:
        return s.text
    name = speaker_label(s.speaker).replace(">", "")
    return f"<v {name}>{s.text}"


def to_vtt(t: Transcript) -> str:
    """Speakers as WebVTT voice spans (players show them; from_cues reads them back)."""
    segments = t.cues() or [Segment(0.0, t.duration or 0.0, t.text)]
    cues = "\n".join(f"{_stamp(s.start, '.')} --> {_stamp(s.end, '.')}\n{_vtt_text(s)}\n"
                     for s in segments)
    return f"WEBVTT\n\n{cues}"


def clock(seconds: float) -> str:
    """Short time for display: 1:05.3, or 1:02:05.3 past an hour."""
    m, s = divmod(max(0.0, seconds), 60)
    h, m = divmod(int(m), 60)
    return f"{h}:{m:02d}:{s:04.1f}" if h else f"{m}:{s:04.1f}"


def to_display(t: Transcript, speaker_word: str = SPEAKER_WORD) -> str:
    """Text for the result view: one timed line per segment when there are timestamps, the
    speaker before the words when diarized ("[0:00.0 → 0:02.5] Speaker A: Hello.")."""
    if not t.timed:
        return t.text
    return "\n".join(f"[{clock(s.start)} → {clock(s.end)}] {_labelled(s, speaker_word)}"
                     for s in t.cues())


def stitch(parts: list[tuple[float, Transcript]]) -> Transcript:
    """Join transcripts of consecutive parts, each shifted by its start offset in seconds."""
    shifted = [t.shifted(offset) for offset, t in parts]
    total = None
    if parts and all(t.duration is not None for _, t in parts):
        last_offset, last = parts[-1]
        total = last_offset + (last.duration or 0.0)
    return Transcript(
        " ".join(t.text.strip() for t in shifted if t.text.strip()),
        [s for t in shifted for s in t.segments],
        [w for t in shifted for w in t.words],
        next((t.language for t in shifted if t.language), None),
        total,
    )
