"""The Images tab: generate, edit with a painted mask, vary; preview; keep every image.

One run is one `@async_slot`: it checks the request (nothing is sent that the model would
refuse), shows a placeholder per image at once, then drafts and finished images as they
arrive. Decoding, conversion and saving run in worker threads; every finished image is
stored in the gallery with its prompt, settings and cost; usage goes to the ledger.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QToolButton,
    QWidget,
)

from playground.api.image_inputs import ImageInputError
from playground.api.images import (
    ImageRequest,
    ImageRequestError,
    check_request,
    controls_for,
)
from playground.model.capabilities import Endpoint
from playground.model.types import ApiFailure
from playground.services.image_job import ImageJob, Source, planned_usage
from playground.services.messages import UserMessage
from playground.settings import (
    IMAGE_MODEL,
    IMAGE_PARTIAL_PREVIEWS,
    IMAGES_PROFILE,
    Settings,
)
from playground.storage.gallery import Gallery, GalleryError
from playground.ui.async_slot import async_slot
from playground.ui.tabs.base import TabPage
from playground.ui.tabs.images_files import ImageFiles, Shown, encode_png
from playground.ui.tabs.images_gallery import ImageGalleryActions
from playground.ui.tabs.images_layout import MODES, build_images_layout
from playground.ui.tabs.images_results import ImageResults
from playground.ui.theme_palette import error_text_style
from playground.ui.widgets.image_controls import ImageControls
from playground.ui.widgets.image_gallery import GalleryPanel
from playground.ui.widgets.image_mask_painter import MaskEditor
from playground.ui.widgets.image_preview import ImagePreview
from playground.ui.widgets.model_picker import fill_model_picker, watch_retired
from playground.ui.widgets.tab_message import TabMessage
from playground.ui.widgets.tab_profile_picker import TabProfilePicker

if TYPE_CHECKING:
    from playground.services import Services
    from playground.usage.pricing import PriceBook

log = logging.getLogger(__name__)




class ImagesTab(ImageResults, ImageFiles, ImageGalleryActions, TabPage):
    # Built by images_layout.build_images_layout:
    _mode_picker: QComboBox
    _model_picker: QComboBox
    _prompt: QPlainTextEdit
    _counter: QLabel
    _controls: ImageControls
    _estimate: QLabel
    _generate: QPushButton
    _cancel: QPushButton
    _message: TabMessage
    _revised: QLabel
    _results: QListWidget
    _preview: ImagePreview
    _tool_buttons: dict[str, QToolButton]
    _zoom_label: QLabel
    _editor: MaskEditor
    _canvas_tabs: QTabWidget
    _gallery_panel: GalleryPanel


    def __init__(self, services: Services, parent: QWidget | None = None, *,
                 gallery: Gallery | None = None, settings: Settings | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("imagesTab")
        self.setAccessibleName(self.tr("Images"))
        self._services = services
        self._settings = settings or services.settings
        self._job = ImageJob(services, gallery)
        self._profile_picker = TabProfilePicker("imagesProfilePicker", services,
                                                IMAGES_PROFILE, self._use_services, self)
        self._use_services(self._profile_picker.tab_profile.services)
        self._showing: list[asyncio.Future[None]] = []  # images being decoded for the screen
        self._job.note.connect(self._on_note)
        self._job.draft.connect(self._on_draft)
        self._job.delivered.connect(self._on_delivered)
        self._job.failed.connect(self._on_failed)
        self._task: asyncio.Task[Any] | None = None
        self._shown: Shown | None = None
        self._source: tuple[bytes, str] | None = None  # (bytes, file name) to edit or vary
        self._search = ""
        build_images_layout(self)
        self._connect()
        self._controls.set_model(self._model(), self._mode())
        self._controls.partials.setValue(int(self._settings.value(IMAGE_PARTIAL_PREVIEWS)))
        self._update_for_model()
        QTimer.singleShot(0, self._start)

    def _connect(self) -> None:
        self._mode_picker.currentIndexChanged.connect(self._mode_changed)
        self._model_picker.currentTextChanged.connect(self._model_changed)
        watch_retired(self._model_picker,
                      lambda text: self._message.show_message(UserMessage.warning(text)))
        self._message.actionTriggered.connect(self.message_action)
        self._prompt.textChanged.connect(self._update_counter)
        self._controls.changed.connect(self._update_estimate)
        self._generate.clicked.connect(self.run_primary_action)
        self._cancel.clicked.connect(self.stop_action)
        self._results.currentRowChanged.connect(self._result_selected)
        self._preview.zoomChanged.connect(
            lambda z: self._zoom_label.setText(self.tr("%1 %")
                                                .replace("%1", format(z * 100, ".0f"))))
        b = self._tool_buttons
        b["zoomInButton"].clicked.connect(self._preview.zoom_in)
        b["zoomOutButton"].clicked.connect(self._preview.zoom_out)
        b["zoomFitButton"].clicked.connect(self._preview.fit)
        b["zoomActualButton"].clicked.connect(self._preview.actual_size)
        b["saveImageButton"].clicked.connect(self._ask_save)
        b["copyImageButton"].clicked.connect(self.copy_image)
        b["openImageExternallyButton"].clicked.connect(self.open_externally)
        b["sendToChatButton"].clicked.connect(self.send_to_chat)
        b["editImageButton"].clicked.connect(self.edit_shown)
        self._editor.openRequested.connect(self._ask_open)
        self._editor.loadMaskRequested.connect(self._ask_mask)
        self._editor.canvas.imageDropped.connect(self.load_source)
        self._gallery_panel.searchChanged.connect(self._search_changed)
        self._gallery_panel.entrySelected.connect(self.show_entry)
        self._gallery_panel.rerunRequested.connect(self.rerun)
        self._gallery_panel.deleteRequested.connect(self.delete_entries)

    # ------------------------------------------------------------------ public API
    def run_primary_action(self) -> None:
        """Ctrl+Enter: generate (or edit / vary, per the mode)."""
        if self._task is None or self._task.done():
            self._task = asyncio.ensure_future(self._run())

    def stop_action(self) -> None:
        """Esc: cancel the running request."""
        if self._task is not None and not self._task.done():
            self._task.cancel()

    def running_task(self) -> asyncio.Task[Any] | None:
        return self._task

    def gallery_panel(self) -> GalleryPanel:
        return self._gallery_panel

    def controls(self) -> ImageControls:
        return self._controls

    def mask_editor(self) -> MaskEditor:
        return self._editor

    def preview(self) -> ImagePreview:
        return self._preview

    def shown(self) -> Shown | None:
        return self._shown

    def set_mode(self, mode: str) -> None:
        self._mode_picker.setCurrentIndex(MODES.index(mode))

    # ------------------------------------------------------------------ model and controls
    def _model(self) -> str:
        return self._model_picker.currentText().strip()

    def _mode(self) -> str:
        return str(self._mode_picker.currentData())

    def _model_changed(self, _text: str) -> None:
        if self._model():
            self._settings.put(IMAGE_MODEL, self._model())
        self._update_for_model()

    def _mode_changed(self, _index: int) -> None:
        mode = self._mode()
        if mode == "variation" and controls_for(self._model()).family != "dall-e-2":
            self._model_picker.setCurrentText("dall-e-2")  # the only model that varies
        elif mode == "edit" and not controls_for(self._model()).edits:
            self._model_picker.setCurrentText(IMAGE_MODEL.default)
        self._editor.set_painting_enabled(mode == "edit")
        self._prompt.setEnabled(mode != "variation")
        self._canvas_tabs.setCurrentIndex(0 if mode == "generate" else 1)
        self._generate.setText({"generate": self.tr("Generate"), "edit": self.tr("Edit"),
                                "variation": self.tr("Make variations")}[mode])
        self._update_for_model()

    def _update_for_model(self) -> None:
        self._controls.set_model(self._model(), self._mode())
        self._update_counter()
        self._update_estimate()

    def _update_counter(self) -> None:
        limit = controls_for(self._model()).prompt_limit
        length = len(self._prompt.toPlainText())
        self._counter.setText(self.tr("%1 / %2 characters")
                               .replace("%1", format(length, ","))
                               .replace("%2", format(limit, ",")))
        over = length > limit
        self._counter.setStyleSheet(
            error_text_style(self.palette()) + " font-weight: bold;" if over else "")
        self._counter.setAccessibleDescription(
            self.tr("Over the model's limit") if over else "")

    def _update_estimate(self) -> None:
        from playground.ui.tabs.images_estimate import estimate_text

        if self._job.prices is None:
            self._estimate.setText("")
            self._estimate.setToolTip("")
            return
        request = self._controls.request(self._model(), "")
        text, tip = estimate_text(self._job.prices, request,
                                  planned_usage(request, self._mode()))
        self._estimate.setText(text)
        self._estimate.setToolTip(tip)

    def _use_services(self, services: Services) -> None:
        """The tab's profile changed (its own, or the window's it follows)."""
        first = self._services is services
        self._services = self._job.services = services
        if not first:
            self._reload_models()

    @async_slot()
    async def _reload_models(self) -> None:
        await self.add_image_models()

    async def aclose(self) -> None:
        await self._profile_picker.tab_profile.aclose()

    async def on_profile_changed(self) -> None:
        self._profile_picker.refresh()
        if not self._profile_picker.tab_profile.chosen:
            await self.add_image_models()

    # ------------------------------------------------------------------ startup
    @async_slot()
    async def _start(self) -> None:
        await asyncio.gather(self._load_prices(), self.refresh_gallery(),
                             self.add_image_models(), return_exceptions=True)

    async def _load_prices(self) -> None:
        usage = self._services.usage
        try:  # the app's one price book (the usage service loads it on its worker)
            book = await asyncio.to_thread(lambda: usage.prices)
        except Exception as exc:  # a broken shipped file: no estimates, the tab still works
            self._estimate.setText(self.tr("Prices unavailable: %1").replace("%1", str(exc)))
            return
        self._prices_changed(book)
        usage.add_price_listener(self._prices_changed)

    def _prices_changed(self, book: PriceBook) -> None:
        self._job.prices = book
        self._update_estimate()

    async def add_image_models(self) -> None:
        """Later image models the profile's server lists join the picker."""
        try:
            client = await self._services.api.client()  # imports the SDK off the UI thread
            from playground.api.catalog import list_models

            names = [m.id for m in await list_models(client)]
        except ApiFailure:
            return  # no model list here: the known models and typing a name still work
        picker = self._model_picker
        known = [picker.itemText(i) for i in range(picker.count())]
        fill_model_picker(picker, known + names, Endpoint.IMAGES, dt.date.today())

    # ------------------------------------------------------------------ running
    def _show_message(self, text: str, *, error: bool = False) -> None:
        self._message.show_message(UserMessage.error(text) if error else UserMessage.info(text))

    async def _run(self) -> None:
        mode = self._mode()
        request = self._controls.request(self._model(), self._prompt.toPlainText())
        try:
            check_request(request, needs_prompt=mode != "variation")
            if mode != "generate" and self._source is None:
                verb = self.tr("edit") if mode == "edit" else self.tr("vary")
                raise ImageRequestError(self.tr("Open or drop an image to %1 first.")
                                        .replace("%1", verb))
            if mode == "edit" and controls_for(request.model).family == "dall-e-2" \
                    and not self._editor.canvas.has_mask():
                raise ImageRequestError(self.tr(
                    "Paint the area to change first: dall-e-2 edits only the painted part."))
        except ImageRequestError as exc:
            self._show_message(str(exc), error=True)
            return
        self._generate.setEnabled(False)
        self._cancel.setEnabled(True)
        self._show_message(self.tr("Working…"))
        self._revised.hide()
        self._results.clear()
        for i in range(request.n):
            item = QListWidgetItem(self._placeholder_icon(), (self.tr("Image %1: waiting")
                                                              .replace("%1", str(i + 1))))
            item.setData(Qt.ItemDataRole.UserRole, None)
            self._results.addItem(item)
        self._canvas_tabs.setCurrentIndex(0)
        delivered = 0
        try:
            delivered = await self._send(mode, request)
        except ApiFailure as failure:
            self._message.show_message(UserMessage.api_failure(failure), retry=True)
        except (ImageInputError, GalleryError) as exc:
            self._show_message(str(exc), error=True)
        except asyncio.CancelledError:
            self._show_message(self.tr("Cancelled."))
        except Exception as exc:  # a bug or an odd server: say so, keep the tab usable
            log.exception("image run failed")
            self._show_message(self.tr("Something went wrong: %1").replace("%1", str(exc)),
                               error=True)
        finally:
            self._generate.setEnabled(True)
            self._cancel.setEnabled(False)
            self._mark_unfinished()
        if delivered and not self._message.text().startswith(self.tr("Note")):
            self._show_message(self.tr("%n image(s) made and saved to the gallery.", "",
                                       delivered))

    def _mark_unfinished(self) -> None:
        for row in range(self._results.count()):
            item = self._results.item(row)
            if item.data(Qt.ItemDataRole.UserRole) is None \
                    and not item.text().endswith(self.tr("failed")):
                item.setText(self.tr("Image %1: not made").replace("%1", str(row + 1)))

    async def _send(self, mode: str, request: ImageRequest) -> int:
        source = None
        if mode != "generate":
            assert self._source is not None
            data, name = self._source
            mask_png = None
            if mode == "edit" and self._editor.canvas.has_mask():
                mask_png = await asyncio.to_thread(encode_png, self._editor.canvas.mask_image())
            source = Source(data, name, mask_png)
        try:
            delivered = await self._job.run(mode, request, source)
        finally:
            # Images are decoded for the screen beside the stream; the run ends once shown.
            await asyncio.gather(*self._showing, return_exceptions=True)
            self._showing.clear()
        await self.refresh_gallery()
        return delivered

    # ------------------------------------------------------------------ preview
    def _show(self, shown: Shown, *, keep_zoom: bool = False) -> None:
        self._shown = shown
        self._preview.set_image(shown.image, keep_zoom=keep_zoom)
        self._update_tools()

    def _update_tools(self) -> None:
        has = self._shown is not None and not self._shown.image.isNull()
        for button in self._tool_buttons.values():
            button.setEnabled(has)
        if has and self._shown is not None:
            self._tool_buttons["openImageExternallyButton"].setEnabled(
                self._shown.entry is not None)

    def _result_selected(self, row: int) -> None:
        item = self._results.item(row) if row >= 0 else None
        shown = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if isinstance(shown, Shown):
            self._show(shown)

    def closeEvent(self, event: Any) -> None:
        self.stop_action()
        self._services.usage.remove_price_listener(self._prices_changed)
        self._profile_picker.tab_profile.close_later()
        self._gallery_panel.model.loader.shutdown()
        with contextlib.suppress(Exception):
            self._job.close()
        super().closeEvent(event)
