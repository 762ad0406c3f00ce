import itertools

import numpy as np
import pytest
import soundfile as sf

from playground.audio.errors import AudioFileError
from playground.audio.upload import StreamResampler, prepare_upload
from tests.unit.audio.helpers import peak_frequency, tone


def speech_like(seconds_on: list[float], gap: float, rate: int = 44_100) -> np.ndarray:
    """Tone bursts separated by silent gaps, so there are obvious places to cut."""
    pieces = []
    for i, on in enumerate(seconds_on):
        pieces.append(tone(on, rate, frequency=300 + 100 * i, amplitude=0.4))
        pieces.append(np.zeros(int(gap * rate), dtype=np.float32))
    return np.concatenate(pieces)


def test_small_file_goes_as_is(tmp_path):
    path = tmp_path / "a.wav"
    sf.write(str(path), tone(2.0), 16_000)
    parts = prepare_upload(path, tmp_path / "work")
    assert [(p.path, p.offset) for p in parts] == [(path, 0.0)]
    assert parts[0].seconds == pytest.approx(2.0)


def test_unsupported_extension_is_refused_with_the_list(tmp_path):
    path = tmp_path / "a.aiff"
    sf.write(str(path), tone(0.5), 16_000, format="AIFF")
    with pytest.raises(AudioFileError, match=r"“\.aiff”.*flac, m4a, mp3"):
        prepare_upload(path, tmp_path / "work")


def test_big_file_is_transcoded_to_one_compact_part(tmp_path):
    path = tmp_path / "long.wav"
    sf.write(str(path), speech_like([20.0], 1.0), 44_100)  # 1.8 MB
    parts = prepare_upload(path, tmp_path / "work", max_bytes=1_000_000)
    assert len(parts) == 1 and parts[0].path.suffix == ".ogg"
    assert parts[0].path.stat().st_size < 1_000_000
    back, rate = sf.read(str(parts[0].path), dtype="float32")
    assert rate == 16_000 and abs(len(back) / rate - 21.0) < 0.1
    assert abs(peak_frequency(back[: rate * 10], rate) - 300) < 3


def test_too_big_even_compact_is_split_at_silence_in_order(tmp_path):
    bursts = [6.0, 7.0, 5.0, 6.0, 7.0, 6.0]
    path = tmp_path / "talk.wav"
    sf.write(str(path), speech_like(bursts, 1.5), 44_100)
    progress: list[tuple[str, float]] = []
    parts = prepare_upload(path, tmp_path / "work", max_bytes=60_000,
                           progress=lambda stage, f: progress.append((stage, f)))
    assert len(parts) >= 2
    assert all(p.path.stat().st_size <= 60_000 for p in parts)
    assert [p.offset for p in parts] == sorted(p.offset for p in parts)
    total = sum(bursts) + 1.5 * len(bursts)
    assert sum(p.seconds for p in parts) == pytest.approx(total, abs=0.1)
    # every cut lands in a silent gap, never inside a burst
    edges = np.cumsum([x for b in bursts for x in (b, 1.5)])
    for part in parts[1:]:
        burst_ends, gap_ends = edges[0::2], edges[1::2]
        assert any(e <= part.offset <= g for e, g in zip(burst_ends, gap_ends, strict=True))
    for part, next_part in itertools.pairwise(parts):
        assert part.offset + part.seconds == pytest.approx(next_part.offset, abs=0.01)
    assert progress[-1] == ("split", 1.0)


def test_corrupt_big_file_is_a_clear_error(tmp_path):
    path = tmp_path / "broken.wav"
    path.write_bytes(b"\x00garbage" * 200_000)
    with pytest.raises(AudioFileError, match="not a readable audio file"):
        prepare_upload(path, tmp_path / "work", max_bytes=1_000)


def test_stream_resampler_matches_whole_signal_length():
    r = StreamResampler(48_000, 16_000)
    x = tone(3.0, 48_000)
    out = np.concatenate([r.process(x[i:i + 7_000]) for i in range(0, len(x), 7_000)])
    assert abs(len(out) - 48_000) <= 1
    assert abs(peak_frequency(out, 16_000) - 440) < 1
