import numpy as np
import pytest
import soundfile as sf

from playground.audio import codecs
from playground.audio.errors import AudioFileError
from playground.audio.formats import PCM_RATE
from tests.unit.audio.helpers import peak_frequency, tone


@pytest.mark.parametrize("ext", ["wav", "flac", "mp3", "ogg", "opus"])
def test_save_any_format_keeps_the_sound(tmp_path, ext):
    path = codecs.save(tone(1.0, PCM_RATE), PCM_RATE, tmp_path / f"clip.{ext}")
    samples, rate = codecs.read_mono(path)
    assert abs(len(samples) / rate - 1.0) < 0.1
    assert abs(peak_frequency(samples, rate) - 440) < 5
    assert not list(tmp_path.glob("*.part"))


def test_save_pcm_is_raw_api_format(tmp_path):
    path = codecs.save(tone(0.5, PCM_RATE), PCM_RATE, tmp_path / "clip.pcm")
    assert path.stat().st_size == PCM_RATE  # 0.5 s * 24000 * 2 bytes
    back = codecs.pcm16_to_float(path.read_bytes())
    assert abs(peak_frequency(back, PCM_RATE) - 440) < 5


def test_save_unknown_extension_says_which_work(tmp_path):
    with pytest.raises(AudioFileError, match=r"\.aac.*flac"):
        codecs.save(tone(0.1), 16_000, tmp_path / "x.aac")


def test_corrupt_file_message(tmp_path):
    bad = tmp_path / "speech.wav"
    bad.write_bytes(b"RIFF\x00\x00garbage" * 100)
    with pytest.raises(AudioFileError, match="not a readable audio file"):
        codecs.probe(bad)


def test_empty_file_message(tmp_path):
    empty = tmp_path / "empty.flac"
    empty.touch()
    with pytest.raises(AudioFileError, match="empty"):
        codecs.probe(empty)


def test_missing_file_message(tmp_path):
    with pytest.raises(AudioFileError, match=r"Cannot open gone\.wav"):
        codecs.probe(tmp_path / "gone.wav")


def test_pcm_odd_byte_is_dropped_not_misaligned():
    data = np.array([1000, -1000], dtype="<i2").tobytes() + b"\x01"
    assert codecs.pcm16_to_float(data).tolist() == pytest.approx([1000 / 32768, -1000 / 32768])


def test_resample_keeps_pitch_and_length():
    out = codecs.resample(tone(2.0, 44_100), 44_100, 16_000)
    assert len(out) == 32_000
    assert abs(peak_frequency(out, 16_000) - 440) < 2


def test_probe_counts_frames(tmp_path):
    sf.write(str(tmp_path / "a.flac"), tone(1.5), 16_000)
    info = codecs.probe(tmp_path / "a.flac")
    assert info.seconds == pytest.approx(1.5) and info.channels == 1
