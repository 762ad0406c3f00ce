"""api.transcription against the loopback server: real multipart uploads of real audio."""

import asyncio
import base64
import io
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from playground.api.transcription import (
    KnownSpeaker,
    TranscriptionRequest,
    TranscriptionResult,
    check,
    response_formats,
    transcribe_file,
    transcribe_parts,
)
from playground.audio.transcript import to_display
from playground.audio.upload import prepare_upload
from playground.model.types import ApiFailure, FailureKind
from tests.unit.audio.helpers import client_for, peak_frequency, tone, write_tone


def run(url, request, path, seconds=0.0) -> TranscriptionResult:
    async def go() -> TranscriptionResult:
        client = client_for(url)
        try:
            return await transcribe_file(client, request, path, seconds)
        finally:
            await client.aclose()

    return asyncio.run(go())


@pytest.mark.parametrize("fmt", ["json", "text", "srt", "vtt", "verbose_json"])
def test_every_whisper_format(fake_api, tmp_path, fmt):
    path = write_tone(tmp_path / "a.flac", 3.0)
    result = run(fake_api.url, TranscriptionRequest("whisper-1", response_format=fmt), path, 3.0)
    assert "a.flac, 3.00 seconds" in result.transcript.text
    assert result.audio_seconds == pytest.approx(3.0)
    assert result.transcript.timed == (fmt in ("srt", "vtt", "verbose_json"))
    if result.transcript.timed:
        assert result.transcript.segments[-1].end == pytest.approx(3.0)
    assert result.usage_estimated == (fmt in ("text", "srt", "vtt"))


def test_options_are_sent_as_form_fields(fake_api, tmp_path):
    path = write_tone(tmp_path / "a.wav", 1.0)
    request = TranscriptionRequest("whisper-1", language="ZH", prompt="术语", temperature=0.2,
                                   response_format="verbose_json",
                                   granularities=("word", "segment"))
    result = run(fake_api.url, request, path)
    form = fake_api.requests_to("/audio/transcriptions")[0].form
    assert form["language"][0].text == "zh" and form["prompt"][0].text == "术语"
    assert form["temperature"][0].text == "0.2"
    assert [f.text for f in form["timestamp_granularities[]"]] == ["word", "segment"]
    assert result.transcript.words and result.transcript.segments


def test_gpt4o_token_usage(fake_api, tmp_path):
    path = write_tone(tmp_path / "a.mp3", 2.0)
    result = run(fake_api.url, TranscriptionRequest("gpt-4o-mini-transcribe"), path, 2.0)
    assert result.input_tokens == 20 and result.output_tokens > 0


def test_translation_uses_its_endpoint(fake_api, tmp_path):
    path = write_tone(tmp_path / "a.ogg", 1.0)
    run(fake_api.url, TranscriptionRequest("whisper-1", translate=True, language="de"), path)
    form = fake_api.requests_to("/audio/translations")[0].form
    assert "language" not in form  # translations take no language


@pytest.mark.parametrize(("request_", "message"), [
    (TranscriptionRequest("gpt-4o-transcribe", response_format="srt"), "json, text"),
    (TranscriptionRequest("gpt-4o-transcribe", translate=True), "needs whisper-1"),
    (TranscriptionRequest("whisper-1", granularities=("word",)), "verbose_json"),
    (TranscriptionRequest("whisper-1", temperature=1.5), "between 0 and 1"),
])
def test_invalid_combinations_are_refused_locally(request_, message):
    with pytest.raises(ApiFailure, match=message):
        check(request_)


def test_format_lists_per_model():
    assert response_formats("whisper-1")[-1] == "verbose_json"
    assert response_formats("gpt-4o-transcribe") == ("json", "text")
    assert "srt" in response_formats("Systran/faster-whisper-large-v3")


def test_corrupt_upload_gets_the_servers_message(fake_api, tmp_path):
    bad = tmp_path / "bad.wav"
    bad.write_bytes(b"RIFF" + b"\x00" * 1000)
    with pytest.raises(ApiFailure) as info:
        run(fake_api.url, TranscriptionRequest("whisper-1"), bad)
    assert info.value.kind == FailureKind.BAD_REQUEST and "corrupted" in info.value.message


def test_oversized_upload_is_413(fake_api, tmp_path):
    big = tmp_path / "big.wav"
    sf.write(str(big), np.zeros(13_200_000, dtype=np.float32), 16_000, subtype="PCM_16")
    with pytest.raises(ApiFailure) as info:
        run(fake_api.url, TranscriptionRequest("whisper-1"), big)
    assert info.value.kind == FailureKind.TOO_LARGE


def test_split_parts_are_sent_in_order_and_stitched(fake_api, tmp_path):
    rate = 16_000
    bursts = [tone(5.0, rate, frequency=300 + 50 * i, amplitude=0.4) for i in range(5)]
    gap = np.zeros(rate, dtype=np.float32)
    path = tmp_path / "talk.wav"
    sf.write(str(path), np.concatenate([x for b in bursts for x in (b, gap)]), rate)
    parts = prepare_upload(path, tmp_path / "work", max_bytes=40_000)
    assert len(parts) >= 3
    seen: list[tuple[int, int]] = []

    async def go() -> TranscriptionResult:
        client = client_for(fake_api.url)
        try:
            return await transcribe_parts(
                client, TranscriptionRequest("whisper-1", response_format="verbose_json"),
                parts, lambda i, n: seen.append((i, n)))
        finally:
            await client.aclose()

    result = asyncio.run(go())
    assert seen == [(i, len(parts)) for i in range(len(parts))]
    uploads = [r.form["file"][0].filename for r in fake_api.requests_to("/audio/transcriptions")]
    assert uploads == [p.path.name for p in parts]
    # the server decoded each part: its duration is in the stitched text, in order
    for part, name in zip(parts, uploads, strict=True):
        assert f"{name}, {part.seconds:.2f} seconds." in result.transcript.text
    positions = [result.transcript.text.index(name) for name in uploads]
    assert positions == sorted(positions)
    starts = [s.start for s in result.transcript.segments]
    assert starts == sorted(starts)
    assert result.transcript.segments[-1].end == pytest.approx(30.0, abs=0.1)
    assert result.audio_seconds == pytest.approx(30.0, abs=len(parts))


def test_server_without_transcriptions_says_so(fake_api, tmp_path):
    # A speech-only server resets a large upload to an endpoint it lacks; the app asks again
    # with an empty body, gets the 404 and names what is missing instead of "cannot connect".
    from tests.fake_openai import Fault
    from tests.fake_openai.error_bodies import FASTAPI_404

    path = write_tone(tmp_path / "a.wav", 10.0)
    fake_api.inject(Fault("/audio/transcriptions", kind="early", status=404, body=FASTAPI_404,
                          times=2))
    with pytest.raises(ApiFailure) as failure:
        run(fake_api.url, TranscriptionRequest("whisper-1"), path)
    assert failure.value.kind is FailureKind.NOT_FOUND
    assert "POST /v1/audio/transcriptions" in failure.value.message


# ---------------------------------------------------------------- diarization
DIARIZE = "gpt-4o-transcribe-diarize"


def test_diarized_json_labels_speakers_with_times(fake_api, tmp_path):
    fake_api.state["transcript_text"] = "Hello there. Hi, how are you? Fine, thanks."
    path = write_tone(tmp_path / "talk.wav", 6.0)
    result = run(fake_api.url, TranscriptionRequest(DIARIZE, response_format="diarized_json"),
                 path, 6.0)
    form = fake_api.requests_to("/audio/transcriptions")[0].form
    assert form["response_format"][0].text == "diarized_json"
    assert form["chunking_strategy"][0].text == "auto"
    t = result.transcript
    assert [(s.speaker, s.text) for s in t.segments] == [
        ("A", "Hello there."), ("B", "Hi, how are you?"), ("A", "Fine, thanks.")]
    assert t.segments[-1].end == pytest.approx(6.0) and t.duration == pytest.approx(6.0)
    assert result.input_tokens == 60 and not result.usage_estimated
    assert t.labelled_text().splitlines()[1] == "Speaker B: Hi, how are you?"


def test_known_speakers_send_names_and_sample_data_urls(fake_api, tmp_path):
    fake_api.state["transcript_text"] = "Good morning. Morning!"
    path = write_tone(tmp_path / "talk.flac", 40.0)  # over 30 s: chunking_strategy needed
    alice = write_tone(tmp_path / "alice.wav", 3.0, frequency=220.0)
    bob = write_tone(tmp_path / "bob.ogg", 4.0, frequency=330.0)
    request = TranscriptionRequest(DIARIZE, response_format="diarized_json", known_speakers=(
        KnownSpeaker("Alice", alice), KnownSpeaker("Bob", bob)))
    result = run(fake_api.url, request, path, 40.0)
    form = fake_api.requests_to("/audio/transcriptions")[0].form
    assert [f.text for f in form["known_speaker_names[]"]] == ["Alice", "Bob"]
    refs = [f.text for f in form["known_speaker_references[]"]]
    assert refs[0].startswith("data:audio/wav;base64,")
    assert refs[1].startswith("data:audio/ogg;base64,")
    decoded, rate = sf.read(io.BytesIO(base64.b64decode(refs[0].split(",", 1)[1])))
    assert len(decoded) / rate == pytest.approx(3.0)
    assert abs(peak_frequency(decoded.astype(np.float32), rate) - 220) < 2
    assert [s.speaker for s in result.transcript.segments] == ["Alice", "Bob"]
    assert to_display(result.transcript).splitlines()[0].endswith("] Alice: Good morning.")


@pytest.mark.parametrize(("request_", "message"), [
    (TranscriptionRequest(DIARIZE, response_format="verbose_json"), "choose diarized_json"),
    (TranscriptionRequest(DIARIZE, response_format="srt"), "speakers labelled"),
    (TranscriptionRequest("gpt-transcribe", response_format="diarized_json"),
     "Only gpt-4o-transcribe-diarize"),
    (TranscriptionRequest(DIARIZE, response_format="diarized_json", prompt="Names"),
     "does not take a prompt"),
    (TranscriptionRequest("whisper-1", known_speakers=(KnownSpeaker("Al", Path("a.wav")),)),
     "Known speakers need gpt-4o-transcribe-diarize"),
    (TranscriptionRequest(DIARIZE, known_speakers=tuple(
        KnownSpeaker(n, Path("a.wav")) for n in "ABCDE")), "At most 4"),
    (TranscriptionRequest(DIARIZE, known_speakers=(KnownSpeaker(" ", Path("a.wav")),)),
     "needs a name"),
    (TranscriptionRequest(DIARIZE, known_speakers=(KnownSpeaker("Al", Path("a.wav")),
                                                   KnownSpeaker("Al", Path("b.wav")))),
     "same name"),
])
def test_bad_diarize_requests_are_explained_before_sending(fake_api, tmp_path, request_,
                                                           message):
    path = write_tone(tmp_path / "talk.wav", 1.0)
    with pytest.raises(ApiFailure, match=message) as info:
        run(fake_api.url, request_, path)
    assert info.value.kind == FailureKind.BAD_REQUEST
    assert fake_api.requests_to("/audio/transcriptions") == []


@pytest.mark.parametrize(("seconds", "name", "message"), [
    (1.0, "short.wav", r"1\.0 s long; it must be between 2 and 10 seconds"),
    (12.0, "long.wav", r"12\.0 s long"),
    (3.0, "notes.txt", "not an audio format"),
])
def test_bad_voice_samples_are_explained_before_sending(fake_api, tmp_path, seconds, name,
                                                        message):
    sample = write_tone(tmp_path / "s.wav", seconds)
    sample = sample.rename(tmp_path / name)
    path = write_tone(tmp_path / "talk.wav", 1.0)
    request = TranscriptionRequest(DIARIZE, response_format="diarized_json",
                                   known_speakers=(KnownSpeaker("Ann", sample),))
    with pytest.raises(ApiFailure, match=message):
        run(fake_api.url, request, path)
    assert fake_api.requests_to("/audio/transcriptions") == []


def test_diarized_subtitles_keep_the_speakers():
    from playground.audio import transcript as tr

    t = tr.Transcript("Hi. Hello.", [tr.Segment(0.0, 1.0, "Hi.", "A"),
                                     tr.Segment(1.0, 2.5, "Hello.", "Bob")], duration=2.5)
    srt = tr.to_srt(t)
    assert "00:00:00,000 --> 00:00:01,000\nSpeaker A: Hi.\n" in srt
    assert "\nBob: Hello.\n" in srt
    vtt = tr.to_vtt(t)
    assert "<v Speaker A>Hi." in vtt and "<v Bob>Hello." in vtt
    back = tr.from_cues(vtt)
    assert [(s.speaker, s.text) for s in back.segments] == [("Speaker A", "Hi."),
                                                            ("Bob", "Hello.")]
    assert tr.to_srt(back) == srt  # labels survive a round trip
    stitched = tr.stitch([(0.0, t), (10.0, t)])
    assert stitched.segments[2] == tr.Segment(10.0, 11.0, "Hi.", "A")
