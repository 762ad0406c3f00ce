"""Announced shutdowns as the tabs tell them: dates and successors from the catalog."""

import datetime as dt

from playground.model.capabilities import Endpoint, catalog_names, model_info
from playground.model.retirement import endpoint_retirement, model_retirement

BEFORE = dt.date(2026, 11, 28)


def test_a_speech_model_retires_with_its_day_mates_and_names_a_realtime_successor():
    r = model_retirement("gpt-4o-mini-tts", Endpoint.SPEECH, BEFORE)
    assert r is not None and r.date == model_info("tts-1").shutdown_date and not r.past
    assert set(r.models) == {n for n in catalog_names(Endpoint.SPEECH)
                             if not n[-10:-6].isdigit()}  # dated snapshots left out
    assert r.successor == model_info("tts-1").successor
    assert Endpoint.REALTIME in r.successor_endpoints
    assert r.key == model_retirement("tts-1", Endpoint.SPEECH, BEFORE).key  # one announcement


def test_current_and_unknown_models_have_nothing_to_announce():
    assert model_retirement("gpt-transcribe", Endpoint.TRANSCRIPTION, BEFORE) is None
    assert model_retirement("faster-whisper-large-v3", Endpoint.TRANSCRIPTION, BEFORE) is None


def test_translations_go_with_their_last_model():
    r = endpoint_retirement(Endpoint.TRANSLATION, BEFORE)
    assert r is not None and r.date == model_info("whisper-1").shutdown_date
    assert r.successor == "gpt-transcribe"
    after = endpoint_retirement(Endpoint.TRANSLATION, r.date)
    assert after is not None and after.past
    assert endpoint_retirement(Endpoint.TRANSCRIPTION, BEFORE) is None  # gpt-transcribe stays
