from playground.audio.clips import ClipHistory
from playground.audio.codecs import read_mono
from playground.audio.formats import PCM_RATE
from tests.unit.audio.helpers import tone


def test_clips_persist_with_their_settings(tmp_path):
    history = ClipHistory(tmp_path / "speech")
    first = history.add(tone(1.0, PCM_RATE), PCM_RATE, text="Hello", model="tts-1",
                        voice="nova", speed=1.5)
    second = history.add(tone(0.5, PCM_RATE), PCM_RATE, text="你好", model="gpt-4o-mini-tts",
                         voice="coral", speed=1.0, instructions="Cheerful", complete=False)
    again = ClipHistory(tmp_path / "speech").clips()
    assert [c.id for c in again] == [second.id, first.id]
    assert again[0].text == "你好" and again[0].instructions == "Cheerful"
    assert not again[0].complete and again[1].voice == "nova" and again[1].speed == 1.5
    samples, rate = read_mono(history.path_of(again[1]))
    assert rate == PCM_RATE and len(samples) == PCM_RATE


def test_remove_deletes_file_and_entry(tmp_path):
    history = ClipHistory(tmp_path)
    clip = history.add(tone(0.2, PCM_RATE), PCM_RATE, text="x", model="tts-1", voice="alloy",
                       speed=1.0)
    history.remove(clip.id)
    assert history.clips() == [] and not history.path_of(clip).exists()


def test_damaged_index_keeps_audio_files(tmp_path):
    history = ClipHistory(tmp_path)
    clip = history.add(tone(0.2, PCM_RATE), PCM_RATE, text="x", model="tts-1", voice="alloy",
                       speed=1.0)
    history.index_path.write_text("{not json")
    assert history.clips() == []
    assert history.path_of(clip).exists()
