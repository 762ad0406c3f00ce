from playground.audio.transcript import (
    Segment,
    Transcript,
    Word,
    from_cues,
    from_verbose_json,
    stitch,
    to_display,
    to_srt,
    to_vtt,
)

SRT = """1
00:00:00,000 --> 00:00:02,500
Hello there.

2
00:00:02,500 --> 01:00:05,040
General
Kenobi.
"""

VTT = """WEBVTT

00:00.000 --> 00:02.500
Hello there.

00:00:02.500 --> 00:00:05.040 align:start
General Kenobi.
"""


def test_srt_parse():
    t = from_cues(SRT)
    assert t.segments == [Segment(0.0, 2.5, "Hello there."),
                          Segment(2.5, 3605.04, "General Kenobi.")]
    assert t.text == "Hello there. General Kenobi."


def test_vtt_parse_short_stamps_and_settings():
    t = from_cues(VTT)
    assert [(s.start, s.end) for s in t.segments] == [(0.0, 2.5), (2.5, 5.04)]
    assert t.segments[1].text == "General Kenobi."


def test_verbose_json_parse():
    body = {"text": " Hi all. ", "language": "english", "duration": 3.2,
            "segments": [{"start": 0, "end": 1.5, "text": " Hi"}, {"start": 1.5, "end": 3.2,
                                                                  "text": " all."}],
            "words": [{"word": "Hi", "start": 0.0, "end": 0.4}]}
    t = from_verbose_json(body)
    assert t.text == "Hi all." and t.duration == 3.2 and t.language == "english"
    assert t.segments[1] == Segment(1.5, 3.2, "all.")
    assert t.words[0].word == "Hi"


def test_render_round_trip():
    t = Transcript("a b", [Segment(0.0, 1.25, "a"), Segment(61.5, 3700.0, "b")])
    assert from_cues(to_srt(t)).segments == t.segments
    assert from_cues(to_vtt(t)).segments == t.segments
    assert to_vtt(t).startswith("WEBVTT\n\n")
    assert to_display(t).splitlines()[1] == "[1:01.5 → 1:01:40.0] b"


def test_stitch_shifts_parts_in_order():
    one = Transcript("first.", [Segment(0.0, 10.0, "first.")], duration=10.0)
    two = Transcript("second.", [Segment(0.0, 5.0, "second.")], duration=5.0)
    whole = stitch([(0.0, one), (10.0, two)])
    assert whole.text == "first. second."
    assert whole.segments[1] == Segment(10.0, 15.0, "second.")
    assert whole.duration == 15.0


def test_words_only_become_timed_lines():
    words = [Word(i * 0.5, i * 0.5 + 0.4, w) for i, w in enumerate("One two. Three".split())]
    t = Transcript("One two. Three", words=words, duration=1.5)
    assert [(c.start, c.end, c.text) for c in t.cues()] == [(0.0, 0.9, "One two."),
                                                         (1.0, 1.4, "Three")]
    assert to_display(t).startswith("[0:00.0 → 0:00.9] One two.")
    assert "00:00:01,000 --> 00:00:01,400" in to_srt(t)
