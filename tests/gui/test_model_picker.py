"""ui.widgets.model_picker: one endpoint's models, retiring/retired ones marked, ids kept."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QComboBox, QTreeView

from playground.model.capabilities import Endpoint
from playground.ui.widgets.model_picker import (
    MODEL_ID_ROLE,
    NOTE_COLUMN,
    fill_model_picker,
    model_note,
    model_warning,
    notice_text,
)

TODAY = dt.date(2026, 11, 28)
SERVER = ["whisper-1", "dall-e-3", "gpt-4o", "o3-mini", "llama3.1", "text-embedding-3-small",
          "gpt-5", "gpt-6-astra", "tts-1", "gpt-image-2", "omni-moderation-latest"]


def combo(qtbot: Any, editable: bool = True) -> QComboBox:
    box = QComboBox()
    box.setEditable(editable)
    qtbot.addWidget(box)
    return box


def items(box: QComboBox) -> list[tuple[str, str, str]]:
    model = box.model()
    return [(box.itemText(i), str(box.itemData(i, MODEL_ID_ROLE)),
             model.index(i, NOTE_COLUMN).data() or "") for i in range(box.count())]


def test_chat_picker_lists_only_chat_models_marked(qtbot: Any) -> None:
    box = combo(qtbot)
    box.setEditText("gpt-6-astra")
    shown = fill_model_picker(box, SERVER, Endpoint.CHAT, TODAY)
    assert shown == ["gpt-6-astra", "llama3.1", "gpt-4o", "gpt-5", "o3-mini"]
    rows = items(box)
    assert [r[0] for r in rows] == shown and [r[1] for r in rows] == shown  # ids, not labels
    notes = {r[0]: r[2] for r in rows}
    assert notes["gpt-6-astra"] == "" and notes["llama3.1"] == ""
    assert notes["gpt-5"] == "shuts down 2026-12-11 → gpt-5.5"
    assert notes["gpt-4o"] == "shuts down 2027-01-14 → gpt-5.5"
    assert notes["o3-mini"] == "retired 2026-10-23 → gpt-5.4-mini"
    assert box.currentText() == "gpt-6-astra"  # what the user had stays
    assert isinstance(box.view(), QTreeView)


def test_choosing_a_marked_item_gives_the_bare_id(qtbot: Any) -> None:
    box = combo(qtbot)
    fill_model_picker(box, SERVER, Endpoint.CHAT, TODAY)
    box.setCurrentIndex(box.findText("gpt-5"))
    assert box.currentText() == "gpt-5"


def test_refill_keeps_the_typed_name_and_other_endpoints(qtbot: Any) -> None:
    box = combo(qtbot)
    fill_model_picker(box, SERVER, Endpoint.IMAGES, TODAY, keep="my-local-image")
    assert [box.itemText(i) for i in range(box.count())] == ["gpt-image-2", "dall-e-3"]
    assert box.currentText() == "my-local-image"
    fill_model_picker(box, ["tts-1", "gpt-4o"], Endpoint.SPEECH, TODAY)
    assert [box.itemText(i) for i in range(box.count())] == ["tts-1"]
    assert items(box)[0][2] == "shuts down 2027-01-06 → gpt-realtime-2"


def test_non_editable_picker_selects_the_kept_name(qtbot: Any) -> None:
    box = combo(qtbot, editable=False)
    fill_model_picker(box, SERVER, Endpoint.CHAT, TODAY, keep="gpt-5")
    assert box.currentText() == "gpt-5"


def test_catalog_list_when_the_server_lists_none(qtbot: Any) -> None:
    box = combo(qtbot)
    shown = fill_model_picker(box, None, Endpoint.TRANSCRIPTION, TODAY)
    assert shown[0] == "gpt-transcribe" and "whisper-1" in shown


def test_warning_before_sending_to_a_retired_model() -> None:
    assert model_warning("dall-e-3", TODAY) == (
        "dall-e-3 was shut down on 2026-05-12. Choose gpt-image-2 instead.")
    assert model_warning("gpt-5", TODAY) == ""  # retiring, still served
    assert model_warning("llama3.1", TODAY) == ""
    assert model_warning("gpt-5.1-mini", TODAY).startswith("gpt-5.1-mini is not a supported")
    assert model_note("gpt-6-astra", TODAY) == ""


def test_notice_text_for_each_kind_of_migration() -> None:
    from playground.model.model_choice import migrate_model

    _, moved = migrate_model("dall-e-3", TODAY)
    assert moved is not None
    assert notice_text(moved) == "dall-e-3 was shut down on 2026-05-12; now using gpt-image-2."
    _, kept = migrate_model("tts-1", dt.date(2027, 2, 1))
    assert kept is not None and "gpt-realtime-2 (another kind of model)" in notice_text(kept)


def test_saved_retired_choices_move_at_startup(qtbot: Any) -> None:
    from playground import settings as prefs

    settings = prefs.Settings()
    settings.put(prefs.IMAGE_MODEL, "dall-e-3")
    settings.put(prefs.CHAT_MODEL, "gpt-4o-mini")
    settings.put(prefs.SPEECH_MODEL, "tts-1")
    notices = prefs.migrate_saved_models(settings, dt.date(2027, 2, 1))
    assert settings.value(prefs.IMAGE_MODEL) == "gpt-image-2"
    assert settings.value(prefs.CHAT_MODEL) == "gpt-5.4-mini"
    assert settings.value(prefs.SPEECH_MODEL) == "tts-1"  # no speech successor on /audio/speech
    assert [n.old for n in notices] == ["gpt-4o-mini", "dall-e-3", "tts-1"]


def test_defaults_are_current_models() -> None:
    from playground import settings as prefs
    from playground.model.capabilities import model_info

    for setting in (prefs.CHAT_MODEL, prefs.IMAGE_MODEL, prefs.SPEECH_MODEL,
                    prefs.TRANSCRIPTION_MODEL):
        assert not model_info(setting.default).retired(TODAY), setting.name
        assert not model_info(setting.default).guessed, setting.name


def test_choosing_a_retired_model_says_so(qtbot: Any) -> None:
    from playground.ui.widgets.model_picker import watch_retired

    box = combo(qtbot)
    said: list[str] = []
    watch_retired(box, said.append)
    box.setEditText("dall-e-3")
    assert len(said) == 1 and "Choose gpt-image-2 instead." in said[0]
    box.setEditText("gpt-image-2")
    box.setEditText("llama3.1")
    assert len(said) == 1
