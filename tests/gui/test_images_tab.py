"""The Images tab driven through its real widgets, against the loopback server over real HTTP."""

from __future__ import annotations

import asyncio
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PySide6.QtCore import QPointF
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QComboBox, QLabel, QListView, QPlainTextEdit, QPushButton

from playground.settings import Settings
from playground.storage.gallery import Gallery
from playground.ui.tabs.images import ImagesTab
from playground.ui.theme_palette import error_text_style
from tests.fake_openai import FakeOpenAI
from tests.gui.conftest import run_until


@pytest.fixture
def gallery_paths(tmp_path: Path) -> tuple[Path, Path]:
    return tmp_path / "playground.sqlite3", tmp_path / "media"


def _make_tab(qtbot: Any, services: Any, loop: asyncio.AbstractEventLoop,
              paths: tuple[Path, Path]) -> ImagesTab:
    tab = ImagesTab(services, gallery=Gallery(*paths), settings=Settings())
    qtbot.addWidget(tab)
    tab.resize(1280, 800)
    tab.show()
    estimate = tab.findChild(QLabel, "imageCostEstimate")
    run_until(loop, lambda: estimate.text() != "")  # prices and gallery loaded
    return tab


@pytest.fixture
def tab(qtbot: Any, make_services: Any, event_loop_qt: asyncio.AbstractEventLoop,
        gallery_paths: tuple[Path, Path]) -> ImagesTab:
    return _make_tab(qtbot, make_services(), event_loop_qt, gallery_paths)


def widget(tab: ImagesTab, kind: type, name: str) -> Any:
    found = tab.findChild(kind, name)
    assert found is not None, name
    return found


def message(tab: ImagesTab) -> str:
    return str(widget(tab, QLabel, "imageMessage").text())


def choose(tab: ImagesTab, model: str, prompt: str) -> None:
    widget(tab, QComboBox, "imageModelPicker").setCurrentText(model)
    widget(tab, QPlainTextEdit, "imagePrompt").setPlainText(prompt)


def generate(loop: asyncio.AbstractEventLoop, tab: ImagesTab) -> None:
    widget(tab, QPushButton, "generateButton").click()
    task = tab.running_task()
    if task is not None:
        loop.run_until_complete(task)


def gallery_rows(tab: ImagesTab) -> int:
    return int(widget(tab, QListView, "imageGallery").model().rowCount())


def _png(size: tuple[int, int], fmt: str = "PNG", mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, (30, 160, 90)).save(out, fmt)
    return out.getvalue()


# ---- controls ---------------------------------------------------------------------------


def test_each_model_shows_only_its_controls(tab: ImagesTab) -> None:
    picker = widget(tab, QComboBox, "imageModelPicker")
    shown = {}
    for model in ("dall-e-2", "dall-e-3", "gpt-image-1"):
        picker.setCurrentText(model)
        shown[model] = tab.controls().visible_controls()
    assert shown["dall-e-2"] == ["imageSizePicker", "imageCountSpin",
                                 "imageResponseFormatPicker"]
    assert shown["dall-e-3"] == ["imageSizePicker", "imageQualityPicker", "imageStylePicker",
                                 "imageResponseFormatPicker"]
    assert shown["gpt-image-1"] == ["imageSizePicker", "imageQualityPicker", "imageCountSpin",
                                    "imageBackgroundPicker", "imageFormatPicker",
                                    "imageCompressionSpin", "imagePartialSpin"]
    picker.setCurrentText("dall-e-3")
    sizes = tab.controls().size
    assert [sizes.itemText(i) for i in range(sizes.count())] == [
        "1024x1024", "1792x1024", "1024x1792"]


def test_prompt_counter_shows_the_models_limit(tab: ImagesTab) -> None:
    choose(tab, "dall-e-2", "x" * 1_200)
    counter = widget(tab, QLabel, "imagePromptCounter")
    assert counter.text() == "1,200 / 1,000 characters"
    assert error_text_style(tab.palette()) in counter.styleSheet()
    widget(tab, QComboBox, "imageModelPicker").setCurrentText("gpt-image-1")
    assert counter.text() == "1,200 / 32,000 characters" and counter.styleSheet() == ""


def test_cost_estimate_is_n_times_the_price(tab: ImagesTab) -> None:
    choose(tab, "dall-e-2", "cat")
    tab.controls().size.setCurrentText("512x512")
    tab.controls().count.setValue(3)
    assert widget(tab, QLabel, "imageCostEstimate").text() == \
        "Estimated cost: $0.054 (3 × $0.018)"
    widget(tab, QComboBox, "imageModelPicker").setCurrentText("dall-e-3")
    tab.controls().quality.setCurrentText("hd")
    tab.controls().size.setCurrentText("1792x1024")
    estimate = widget(tab, QLabel, "imageCostEstimate")
    assert estimate.text() == "Estimated cost: $0.12 (1 × $0.12)"  # one rule: model.money
    assert estimate.toolTip() == "$0.12 (1 × $0.12)"  # the full figures on hover
    widget(tab, QComboBox, "imageModelPicker").setCurrentText("gpt-image-2")
    tab.controls().quality.setCurrentText("medium")
    tab.controls().size.setCurrentText("1024x1024")
    assert estimate.text() == "Estimated cost: $0.0317 (1 × $0.0317)"  # by its tokens


def test_no_price_says_why_and_what_the_run_will_cost(tab: ImagesTab) -> None:
    """A current model the price data lacks (gpt-image-2.6-*) says so, and what to do; a
    priced model at a size with no price says the run is priced from its tokens."""
    choose(tab, "gpt-image-2.6-flare", "cat")
    estimate = widget(tab, QLabel, "imageCostEstimate")
    assert estimate.text() == (
        "No price known for gpt-image-2.6-flare: the price data in use does not list it, so "
        "its images are recorded without a cost. “Update prices” in the usage panel may add "
        "it.")
    assert estimate.toolTip() == ""
    from playground.ui.tabs.images_estimate import no_price_text
    from playground.usage.records import UsageRecord

    odd = UsageRecord("images", "gpt-image-2", images=1, image_size="2048x2048",
                      image_quality="xhigh")
    assert no_price_text(tab._job.prices, "gpt-image-2", odd) == (  # type: ignore[arg-type]
        "No price known for gpt-image-2 at 2048x2048, xhigh. The run is priced from the "
        "tokens the server reports.")


def test_reloaded_prices_reach_the_estimate_at_once(tab: ImagesTab, event_loop_qt: Any,
                                                    tmp_path: Path) -> None:
    """One price book: the user's pricing.toml, reloaded, is what the Images tab estimates."""
    choose(tab, "dall-e-2", "cat")
    tab.controls().size.setCurrentText("256x256")
    estimate = widget(tab, QLabel, "imageCostEstimate")
    assert estimate.text() == "Estimated cost: $0.016 (1 × $0.016)"
    usage = tab._services.usage  # type: ignore[attr-defined]
    user = tmp_path / "my-prices.toml"
    user.write_text('[images."dall-e-2"]\n"standard.256x256" = 0.5\n', "utf-8")
    usage._user_pricing = user  # where the app's own file would be
    event_loop_qt.run_until_complete(usage.reload_prices())
    assert estimate.text() == "Estimated cost: $0.50 (1 × $0.50)"


# ---- generation -------------------------------------------------------------------------


def test_generate_b64_fills_results_gallery_and_ledger(tab: ImagesTab, fake_api: FakeOpenAI,
                                                        event_loop_qt: Any) -> None:
    snapshots: list[Any] = []
    tab._services.usage.add_listener(snapshots.append)  # type: ignore[attr-defined]
    choose(tab, "dall-e-2", "a red fox")
    tab.controls().size.setCurrentText("256x256")
    tab.controls().count.setValue(2)
    generate(event_loop_qt, tab)

    results = widget(tab, QListView, "imageResults")
    assert results.model().rowCount() == 2
    assert [results.model().index(i, 0).data() for i in range(2)] == ["Image 1", "Image 2"]
    assert tab.preview().image().size().width() == 256
    assert message(tab) == "2 image(s) made and saved to the gallery."
    assert gallery_rows(tab) == 2
    sent = fake_api.requests_to("/images/generations")[0].json
    assert sent == {"model": "dall-e-2", "prompt": "a red fox", "n": 2, "size": "256x256",
                    "response_format": "b64_json"}
    run_until(event_loop_qt, lambda: any(s.last is not None for s in snapshots))
    last = next(s for s in snapshots if s.last is not None)
    assert (last.last.endpoint, last.last.images, last.last.image_size) == ("images", 2,
                                                                              "256x256")
    # The loopback server is the user's own machine: its images cost nothing.
    assert last.last.free and last.last_cost == Decimal(0) and last.last.request_id


def test_generate_url_downloads_and_shows_the_revised_prompt(tab: ImagesTab,
                                                             fake_api: FakeOpenAI,
                                                             event_loop_qt: Any) -> None:
    choose(tab, "dall-e-3", "a lighthouse")
    tab.controls().response_format.setCurrentText("url")
    generate(event_loop_qt, tab)
    assert len(fake_api.requests_to("/images/download")) == 1
    revised = widget(tab, QLabel, "revisedPrompt")
    assert revised.isVisible() and "A detailed illustration of a lighthouse" in revised.text()
    entry = tab.gallery_panel().model.entry(0)
    assert entry.revised_prompt and entry.settings["response_format"] == "url"
    assert entry.cost == Decimal("0.040")


def test_a_url_that_fails_to_download_says_so(tab: ImagesTab, fake_api: FakeOpenAI,
                                              event_loop_qt: Any) -> None:
    fake_api.state["images_broken_url"] = True
    choose(tab, "dall-e-3", "a lighthouse")
    tab.controls().response_format.setCurrentText("url")
    generate(event_loop_qt, tab)
    assert "Could not download the image from 127.0.0.1: HTTP 404" in message(tab)
    assert widget(tab, QListView, "imageResults").model().index(0, 0).data() == \
        "Image 1: failed"
    assert gallery_rows(tab) == 0


def test_partial_previews_appear_before_the_image(tab: ImagesTab, fake_api: FakeOpenAI,
                                                  event_loop_qt: Any) -> None:
    fake_api.state["images_stream_delay"] = 0.3
    choose(tab, "gpt-image-1", "a mountain")
    tab.controls().partials.setValue(2)
    results = widget(tab, QListView, "imageResults")
    widget(tab, QPushButton, "generateButton").click()
    run_until(event_loop_qt, lambda: results.model().rowCount() == 1 and
              results.model().index(0, 0).data() == "Image 1: draft")
    assert not tab.preview().image().isNull()  # the draft is shown
    loop_task = tab.running_task()
    assert loop_task is not None
    event_loop_qt.run_until_complete(loop_task)
    assert results.model().index(0, 0).data() == "Image 1"
    assert fake_api.requests_to("/images/generations")[0].json["stream"] is True


def test_cancel_stops_a_running_generation(tab: ImagesTab, fake_api: FakeOpenAI,
                                           event_loop_qt: Any) -> None:
    fake_api.state["images_stream_delay"] = 1.0
    choose(tab, "gpt-image-1", "slow")
    tab.controls().partials.setValue(3)
    results = widget(tab, QListView, "imageResults")
    widget(tab, QPushButton, "generateButton").click()
    run_until(event_loop_qt, lambda: results.model().index(0, 0).data() == "Image 1: draft")
    cancel = widget(tab, QPushButton, "cancelImageButton")
    assert cancel.isEnabled()
    tab.stop_action()  # what Esc calls (the main window owns the shortcut)
    task = tab.running_task()
    assert task is not None
    event_loop_qt.run_until_complete(asyncio.wait([task]))
    assert message(tab) == "Cancelled."
    assert widget(tab, QPushButton, "generateButton").isEnabled() and not cancel.isEnabled()
    assert results.model().index(0, 0).data() == "Image 1: not made"
    assert gallery_rows(tab) == 0


@pytest.mark.parametrize(("model", "prompt", "expected"), [
    ("dall-e-3", "  ", "Write a prompt describing the image first."),
    ("dall-e-2", "x" * 1_001, "The prompt has 1,001 characters; dall-e-2 accepts at most 1,000"),
])
def test_bad_prompts_are_refused_and_kept(tab: ImagesTab, fake_api: FakeOpenAI,
                                          event_loop_qt: Any, model: str, prompt: str,
                                          expected: str) -> None:
    choose(tab, model, prompt)
    generate(event_loop_qt, tab)
    assert message(tab).startswith(expected)
    assert widget(tab, QPlainTextEdit, "imagePrompt").toPlainText() == prompt
    assert fake_api.requests_to("/images/generations") == []


def test_content_policy_refusal_is_explained(tab: ImagesTab, fake_api: FakeOpenAI,
                                            event_loop_qt: Any) -> None:
    fake_api.state["images_refuse"] = True
    choose(tab, "dall-e-3", "something refused")
    generate(event_loop_qt, tab)
    text = message(tab)
    assert text.startswith("The request was refused by the content policy.")
    assert "safety system" in text and "(request req_" in text
    assert widget(tab, QPlainTextEdit, "imagePrompt").toPlainText() == "something refused"


# ---- edit and variations ----------------------------------------------------------------


def _open_source(tab: ImagesTab, loop: Any, path: Path) -> None:
    """Open like the file dialog or a drop does, and wait until the tab has answered."""
    before = message(tab)
    tab.load_source(str(path))
    run_until(loop, lambda: message(tab) != before)


def test_edit_sends_the_painted_mask_with_the_image(tab: ImagesTab, fake_api: FakeOpenAI,
                                                    event_loop_qt: Any,
                                                    tmp_path: Path) -> None:
    source = tmp_path / "room.png"
    source.write_bytes(_png((512, 512), mode="RGBA"))
    _open_source(tab, event_loop_qt, source)
    assert tab._mode_picker.currentData() == "edit"
    choose(tab, "dall-e-2", "add a window")
    tab.controls().size.setCurrentText("256x256")
    generate(event_loop_qt, tab)
    assert message(tab).startswith("Paint the area to change first")

    canvas = tab.mask_editor().canvas
    canvas.brush_radius = 30
    canvas.stroke(QPointF(100, 100), QPointF(200, 100))
    generate(event_loop_qt, tab)
    form = fake_api.requests_to("/images/edits")[0].form
    image = Image.open(io.BytesIO(form["image"][0].data))
    mask = Image.open(io.BytesIO(form["mask"][0].data))
    assert image.size == mask.size == (512, 512)
    assert mask.getpixel((150, 100))[3] == 0 and mask.getpixel((400, 400))[3] == 255
    assert form["prompt"][0].text == "add a window"
    assert gallery_rows(tab) == 1 and tab.gallery_panel().model.entry(0).kind == "edit"


def test_erase_and_clear_change_the_mask(tab: ImagesTab, event_loop_qt: Any,
                                         tmp_path: Path) -> None:
    source = tmp_path / "a.png"
    source.write_bytes(_png((256, 256)))
    _open_source(tab, event_loop_qt, source)
    canvas = tab.mask_editor().canvas
    canvas.stroke(QPointF(50, 50), QPointF(50, 50))
    assert canvas.mask_image().pixelColor(50, 50).alpha() == 0
    widget(tab, type(tab.mask_editor().erase_button), "maskEraseButton").click()
    canvas.stroke(QPointF(50, 50), QPointF(50, 50))
    assert canvas.mask_image().pixelColor(50, 50).alpha() == 255
    tab.mask_editor().erase_button.click()
    canvas.stroke(QPointF(50, 50), QPointF(50, 50))
    tab.mask_editor().clear_button.click()
    assert not canvas.has_mask()


def test_a_jpeg_is_converted_for_dall_e_2_variations(tab: ImagesTab, fake_api: FakeOpenAI,
                                                     event_loop_qt: Any,
                                                     tmp_path: Path) -> None:
    source = tmp_path / "photo.jpg"
    source.write_bytes(_png((600, 400), "JPEG"))
    _open_source(tab, event_loop_qt, source)
    tab.set_mode("variation")
    assert widget(tab, QComboBox, "imageModelPicker").currentText() == "dall-e-2"
    tab.controls().size.setCurrentText("256x256")
    generate(event_loop_qt, tab)
    sent = Image.open(io.BytesIO(fake_api.requests_to("/images/variations")[0]
                                 .form["image"][0].data))
    assert (sent.format, sent.mode, sent.size) == ("PNG", "RGBA", (400, 400))
    assert "Note: photo.jpg: converted from JPEG RGB to RGBA PNG" in message(tab)
    assert gallery_rows(tab) == 1


def test_a_non_image_file_is_refused_by_name(tab: ImagesTab, event_loop_qt: Any,
                                            tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not an image")
    tab.load_source(str(notes))
    run_until(event_loop_qt, lambda: "notes.txt" in message(tab))
    assert message(tab).startswith("notes.txt is not an image")
    assert tab.mask_editor().canvas.image().isNull()


def test_an_image_over_the_size_limit_is_refused(tab: ImagesTab, fake_api: FakeOpenAI,
                                                 event_loop_qt: Any, tmp_path: Path) -> None:
    big = tmp_path / "huge.png"
    big.write_bytes(_png((64, 64)) + bytes(51 * 1024 * 1024))  # trailing bytes: still a PNG
    _open_source(tab, event_loop_qt, big)
    choose(tab, "gpt-image-1", "make it blue")
    generate(event_loop_qt, tab)
    assert message(tab) == "huge.png is 51.0 MB; gpt-image-1 accepts images under 50 MB."
    assert fake_api.requests_to("/images/edits") == []


def test_a_mask_of_a_different_size_is_refused(tab: ImagesTab, event_loop_qt: Any,
                                               tmp_path: Path) -> None:
    source, mask = tmp_path / "a.png", tmp_path / "mask.png"
    source.write_bytes(_png((512, 512)))
    mask.write_bytes(_png((256, 256), mode="RGBA"))
    _open_source(tab, event_loop_qt, source)
    tab.load_mask(str(mask))
    run_until(event_loop_qt, lambda: "mask" in message(tab))
    assert message(tab) == ("The mask is 256×256 but the image is 512×512; they must be the "
                            "same size.")


# ---- preview and gallery ----------------------------------------------------------------


def test_preview_zoom_fit_and_actual_size(tab: ImagesTab, event_loop_qt: Any) -> None:
    choose(tab, "dall-e-2", "zoom me")
    generate(event_loop_qt, tab)  # 1024x1024 into a smaller view: fitted below 100 %
    preview = tab.preview()
    fitted = preview.zoom()
    assert fitted < 1.0
    widget(tab, type(tab._tool_buttons["zoomInButton"]), "zoomInButton").click()
    assert preview.zoom() == pytest.approx(fitted * 1.25)
    tab._tool_buttons["zoomActualButton"].click()
    assert preview.zoom() == 1.0
    tab._tool_buttons["zoomFitButton"].click()
    assert preview.zoom() == pytest.approx(fitted)


def test_save_copy_and_send_to_chat(tab: ImagesTab, event_loop_qt: Any, tmp_path: Path,
                                    qtbot: Any) -> None:
    choose(tab, "dall-e-2", "keep me")
    tab.controls().size.setCurrentText("256x256")
    generate(event_loop_qt, tab)
    for name, fmt in (("out.png", "PNG"), ("out.jpg", "JPEG"), ("out.webp", "WEBP")):
        tab.save_to(str(tmp_path / name))
        run_until(event_loop_qt, lambda n=name: (tmp_path / n).exists() and
                  message(tab) == f"Saved {n}.")
        with Image.open(tmp_path / name) as saved:
            assert saved.format == fmt
    tab._tool_buttons["copyImageButton"].click()
    assert QGuiApplication.clipboard().image().width() == 256
    with qtbot.waitSignal(tab.sendImageToChat) as sent:
        tab._tool_buttons["sendToChatButton"].click()
    data, mime = sent.args
    assert mime == "image/png" and Image.open(io.BytesIO(data)).size == (256, 256)


def test_gallery_survives_a_restart_and_searches(qtbot: Any, make_services: Any,
                                                 event_loop_qt: Any,
                                                 gallery_paths: tuple[Path, Path]) -> None:
    first = _make_tab(qtbot, make_services(), event_loop_qt, gallery_paths)
    for prompt in ("a red barn", "a blue sea"):
        choose(first, "dall-e-2", prompt)
        first.controls().size.setCurrentText("256x256")
        generate(event_loop_qt, first)
    first.close()

    second = _make_tab(qtbot, make_services(), event_loop_qt, gallery_paths)
    run_until(event_loop_qt, lambda: gallery_rows(second) == 2)
    panel = second.gallery_panel()
    run_until(event_loop_qt, lambda: panel.model.thumbnails_loaded() == 2)
    assert panel.model.entry(0).prompt == "a blue sea"
    panel.search.setText("barn")
    run_until(event_loop_qt, lambda: gallery_rows(second) == 1)
    assert panel.model.entry(0).prompt == "a red barn"


def test_gallery_delete_and_rerun(tab: ImagesTab, fake_api: FakeOpenAI,
                                  event_loop_qt: Any) -> None:
    choose(tab, "dall-e-3", "rerun me")
    tab.controls().quality.setCurrentText("hd")
    tab.controls().style.setCurrentText("natural")
    generate(event_loop_qt, tab)
    panel = tab.gallery_panel()
    entry = panel.model.entry(0)

    choose(tab, "dall-e-2", "something else")
    panel.view.setCurrentIndex(panel.model.index(0))
    panel.rerun_button.click()
    task = tab.running_task()
    assert task is not None
    event_loop_qt.run_until_complete(task)
    second = fake_api.requests_to("/images/generations")[1].json
    assert second == fake_api.requests_to("/images/generations")[0].json
    assert second["quality"] == "hd" and second["style"] == "natural"
    assert gallery_rows(tab) == 2

    panel.view.selectAll()
    panel.delete_button.click()
    run_until(event_loop_qt, lambda: gallery_rows(tab) == 0)
    assert not entry.path.exists()


def test_ctrl_enter_generates_and_esc_is_wired(tab: ImagesTab, fake_api: FakeOpenAI,
                                              event_loop_qt: Any) -> None:
    choose(tab, "dall-e-2", "by keyboard")
    tab.run_primary_action()
    task = tab.running_task()
    assert task is not None
    event_loop_qt.run_until_complete(task)
    assert len(fake_api.requests_to("/images/generations")) == 1
    tab.stop_action()  # nothing running: harmless


def test_save_suggests_a_name_from_the_prompt(tab: ImagesTab, event_loop_qt: Any) -> None:
    from PySide6.QtWidgets import QFileDialog

    choose(tab, "dall-e-2", "A red barn, at dawn!")
    tab.controls().size.setCurrentText("256x256")
    generate(event_loop_qt, tab)
    tab._tool_buttons["saveImageButton"].click()
    dialog = tab.findChild(QFileDialog, "saveImageDialog")
    assert dialog is not None
    try:
        assert Path(dialog.selectedFiles()[0]).name == "a-red-barn-at-dawn.png"
    finally:
        dialog.reject()
