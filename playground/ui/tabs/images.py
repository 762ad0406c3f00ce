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
import io
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QBuffer, QIODevice, QSize, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from playground.api.image_inputs import ImageInputError, probe
from playground.api.images import (
    ImageRequest,
    ImageRequestError,
    check_request,
    controls_for,
)
from playground.model.capabilities import Endpoint
from playground.model.money import format_cost, full_cost
from playground.model.types import ApiFailure
from playground.services.image_job import ImageJob, Source, planned_usage
from playground.settings import (
    IMAGE_MODEL,
    IMAGE_PARTIAL_PREVIEWS,
    IMAGE_SAVE_FOLDER,
    Settings,
)
from playground.storage.gallery import Gallery, GalleryEntry, GalleryError
from playground.ui.async_slot import async_slot
from playground.ui.failures import describe
from playground.ui.file_names import suggested_name
from playground.ui.tabs.base import TabPage
from playground.ui.theme_palette import error_text_style
from playground.ui.widgets.image_controls import ImageControls
from playground.ui.widgets.image_gallery import GalleryPanel
from playground.ui.widgets.image_mask_painter import MaskEditor
from playground.ui.widgets.image_preview import ImagePreview
from playground.ui.widgets.model_picker import fill_model_picker, watch_retired

if TYPE_CHECKING:
    from playground.services import Services

log = logging.getLogger(__name__)


RESULT_ICON = 128
MODES = ("generate", "edit", "variation")
_OPEN_FILTER = "Images (*.png *.jpg *.jpeg *.webp *.gif *.bmp *.tif *.tiff);;All files (*)"


@dataclass
class Shown:
    """The image in the preview: its bytes (for save/copy/send) and where it is stored."""

    data: bytes
    mime: str
    image: QImage
    entry: GalleryEntry | None = None


def _decode(data: bytes) -> tuple[QImage, QImage]:
    """Full image and result-strip icon, decoded in a worker thread."""
    image = QImage.fromData(data)
    icon = image.scaled(RESULT_ICON, RESULT_ICON, Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation)
    return image, icon


def _encode_png(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stub wants bytes; str works
    return bytes(buffer.data().data())


def _save_as(data: bytes, path: Path) -> None:
    """Write `data` in the format the file name asks for (Pillow converts when needed)."""
    from PIL import Image

    fmt = {".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP"}.get(path.suffix.lower(), "PNG")
    picture: Image.Image = Image.open(io.BytesIO(data))
    if picture.format == fmt:
        path.write_bytes(data)
        return
    if fmt == "JPEG" and picture.mode not in ("RGB", "L"):
        picture = picture.convert("RGB")  # JPEG has no alpha
    picture.save(path, fmt, **({"quality": 92} if fmt != "PNG" else {}))


class ImagesTab(TabPage):

    def __init__(self, services: Services, parent: QWidget | None = None, *,
                 gallery: Gallery | None = None, settings: Settings | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("imagesTab")
        self.setAccessibleName(self.tr("Images"))
        self._services = services
        self._settings = settings or services.settings
        self._job = ImageJob(services, gallery)
        self._showing: list[asyncio.Future[None]] = []  # images being decoded for the screen
        self._job.note.connect(self._on_note)
        self._job.draft.connect(self._on_draft)
        self._job.delivered.connect(self._on_delivered)
        self._job.failed.connect(self._on_failed)
        self._task: asyncio.Task[Any] | None = None
        self._shown: Shown | None = None
        self._source: tuple[bytes, str] | None = None  # (bytes, file name) to edit or vary
        self._search = ""
        self._build()
        self._connect()
        self._controls.set_model(self._model(), self._mode())
        self._controls.partials.setValue(int(self._settings.value(IMAGE_PARTIAL_PREVIEWS)))
        self._update_for_model()
        QTimer.singleShot(0, self._start)

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        self._mode_picker = QComboBox(self)
        self._mode_picker.setObjectName("imageModePicker")
        self._mode_picker.setAccessibleName(self.tr("What to do"))
        for mode, label in zip(MODES, (self.tr("Generate"), self.tr("Edit with a mask"),
                                       self.tr("Variations")), strict=True):
            self._mode_picker.addItem(label, mode)

        self._model_picker = QComboBox(self)
        self._model_picker.setObjectName("imageModelPicker")
        self._model_picker.setAccessibleName(self.tr("Image model"))
        self._model_picker.setEditable(True)
        fill_model_picker(self._model_picker, None, Endpoint.IMAGES, dt.date.today())
        self._model_picker.setCurrentText(self._settings.value(IMAGE_MODEL))

        self._prompt = QPlainTextEdit(self)
        self._prompt.setObjectName("imagePrompt")
        self._prompt.setAccessibleName(self.tr("Image prompt"))
        self._prompt.setPlaceholderText(self.tr("Describe the image…"))
        self._counter = QLabel(self)
        self._counter.setObjectName("imagePromptCounter")
        self._counter.setAlignment(Qt.AlignmentFlag.AlignRight)

        self._controls = ImageControls(self)
        self._estimate = QLabel(self)
        self._estimate.setObjectName("imageCostEstimate")
        self._estimate.setWordWrap(True)

        self._generate = QPushButton(self.tr("Generate"), self)
        self._generate.setObjectName("generateButton")
        self._generate.setAccessibleName(self.tr("Generate images"))
        self._generate.setToolTip(self.tr("Ctrl+Enter"))
        self._generate.setDefault(True)
        self._cancel = QPushButton(self.tr("Cancel"), self)
        self._cancel.setObjectName("cancelImageButton")
        self._cancel.setAccessibleName(self.tr("Cancel image generation"))
        self._cancel.setToolTip(self.tr("Esc"))
        self._cancel.setEnabled(False)

        self._message = QLabel(self)
        self._message.setObjectName("imageMessage")
        self._message.setAccessibleName(self.tr("Image status"))
        self._message.setWordWrap(True)
        self._message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._revised = QLabel(self)
        self._revised.setObjectName("revisedPrompt")
        self._revised.setAccessibleName(self.tr("Revised prompt"))
        self._revised.setWordWrap(True)
        self._revised.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._revised.hide()

        left = QWidget(self)
        left.setObjectName("imageRequestPanel")
        form = QVBoxLayout(left)
        form.setContentsMargins(0, 0, 0, 0)
        form.addWidget(self._mode_picker)
        form.addWidget(self._model_picker)
        form.addWidget(self._prompt, 1)
        form.addWidget(self._counter)
        form.addWidget(self._controls)
        form.addWidget(self._estimate)
        buttons = QHBoxLayout()
        buttons.addWidget(self._generate, 1)
        buttons.addWidget(self._cancel)
        form.addLayout(buttons)
        form.addWidget(self._message)
        form.addWidget(self._revised)
        left.setMinimumWidth(260)

        # Centre: the results of the run above the preview; the source/mask on its own page.
        self._results = QListWidget(self)
        self._results.setObjectName("imageResults")
        self._results.setAccessibleName(self.tr("Images of this run"))
        self._results.setViewMode(QListWidget.ViewMode.IconMode)
        self._results.setFlow(QListWidget.Flow.LeftToRight)
        self._results.setWrapping(False)
        self._results.setMovement(QListWidget.Movement.Static)
        self._results.setIconSize(QSize(RESULT_ICON, RESULT_ICON))
        self._results.setFixedHeight(RESULT_ICON + 44)
        self._preview = ImagePreview(self)
        # A toolbar, not a row: buttons that do not fit go to its overflow menu, so the tab
        # never forces the window wider than a small screen.
        tools = QToolBar(self)
        tools.setObjectName("imageTools")
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self._tool_buttons: dict[str, QToolButton] = {}
        for name, text, accessible in (
            ("zoomInButton", self.tr("Zoom in"), self.tr("Zoom in")),
            ("zoomOutButton", self.tr("Zoom out"), self.tr("Zoom out")),
            ("zoomFitButton", self.tr("Fit"), self.tr("Fit the image to the view")),
            ("zoomActualButton", self.tr("1:1"), self.tr("Show at actual size")),
            ("saveImageButton", self.tr("Save…"), self.tr("Save as PNG, JPEG or WebP")),
            ("copyImageButton", self.tr("Copy"), self.tr("Copy the image to the clipboard")),
            ("openImageExternallyButton", self.tr("Open"),
             self.tr("Open in the system image viewer")),
            ("sendToChatButton", self.tr("Send to chat"),
             self.tr("Attach the image to the chat input")),
            ("editImageButton", self.tr("Edit this"), self.tr("Edit this image with a mask")),
        ):
            button = QToolButton(self)
            button.setObjectName(name)
            button.setText(text)
            button.setAccessibleName(accessible)
            tools.addWidget(button)
            self._tool_buttons[name] = button
        self._zoom_label = QLabel(self)
        self._zoom_label.setObjectName("zoomLabel")
        tools.addSeparator()
        tools.addWidget(self._zoom_label)
        result_page = QWidget(self)
        result_layout = QVBoxLayout(result_page)
        result_layout.addWidget(self._results)
        result_layout.addWidget(tools)
        result_layout.addWidget(self._preview, 1)
        self._editor = MaskEditor(self)
        self._canvas_tabs = QTabWidget(self)
        self._canvas_tabs.setObjectName("imageCanvasTabs")
        self._canvas_tabs.setAccessibleName(self.tr("Result or source image"))
        self._canvas_tabs.addTab(result_page, self.tr("Result"))
        self._canvas_tabs.addTab(self._editor, self.tr("Source and mask"))

        self._gallery_panel = GalleryPanel(self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self._canvas_tabs)
        splitter.addWidget(self._gallery_panel)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 640, 300])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._update_tools()

    def _connect(self) -> None:
        self._mode_picker.currentIndexChanged.connect(self._mode_changed)
        self._model_picker.currentTextChanged.connect(self._model_changed)
        watch_retired(self._model_picker, self._show_message)
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
        self._estimate.setToolTip("")
        if self._job.prices is None:
            self._estimate.setText("")
            return
        request = self._controls.request(self._model(), "")
        record = planned_usage(request, self._mode())
        cost = self._job.prices.cost(record)
        if cost is None:
            self._estimate.setText(self.tr("No price known for %1 at %2, %3.")
                                    .replace("%1", str(request.model))
                                    .replace("%2", str(record.image_size))
                                    .replace("%3", str(record.image_quality)))
            return
        each = cost / record.images
        text = (self.tr("Estimated cost: %1 (%2 × %3)")
                .replace("%1", str(format_cost(cost)))
                .replace("%2", str(record.images))
                .replace("%3", str(format_cost(each))))
        self._estimate.setToolTip(f"{full_cost(cost)} ({record.images} × {full_cost(each)})")
        if "auto" in (request.size, request.quality):
            text += (self.tr(" — “auto” priced as %1 %2")
                     .replace("%1", str(record.image_quality))
                     .replace("%2", str(record.image_size)))
        self._estimate.setText(text)

    # ------------------------------------------------------------------ startup
    @async_slot()
    async def _start(self) -> None:
        await asyncio.gather(self._load_prices(), self.refresh_gallery(),
                             self.add_image_models(), return_exceptions=True)

    async def _load_prices(self) -> None:
        usage = self._services.usage
        try:  # the app's one price book (the usage service loads it on its worker)
            self._job.prices = await asyncio.to_thread(lambda: usage.prices)
        except Exception as exc:  # a broken shipped file: no estimates, the tab still works
            self._estimate.setText(self.tr("Prices unavailable: %1").replace("%1", str(exc)))
            return
        self._update_estimate()

    async def refresh_gallery(self) -> None:
        try:
            gallery = await self._job.gallery()
            entries = await asyncio.to_thread(gallery.entries, self._search)
        except Exception as exc:
            self._show_message((self.tr("The gallery could not be opened: %1")
                                .replace("%1", str(exc))),
                               error=True)
            return
        self._gallery_panel.set_entries(entries)

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
        self._message.setText(text)
        self._message.setStyleSheet(error_text_style(self.palette()) if error else "")

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
            view = describe(failure)
            detail = f" {view.detail}" if view.detail else ""
            rid = self.tr(" (request %1)").replace("%1", str(failure.request_id)) \
                if failure.request_id else ""
            self._show_message(f"{view.title}{detail}{rid}", error=True)
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
                mask_png = await asyncio.to_thread(_encode_png, self._editor.canvas.mask_image())
            source = Source(data, name, mask_png)
        try:
            delivered = await self._job.run(mode, request, source)
        finally:
            # Images are decoded for the screen beside the stream; the run ends once shown.
            await asyncio.gather(*self._showing, return_exceptions=True)
            self._showing.clear()
        await self.refresh_gallery()
        return delivered

    def _on_note(self, note: str) -> None:
        self._show_message(self.tr("Note: %1").replace("%1", str(note)))

    def _on_draft(self, index: int, data: bytes, mime: str) -> None:
        self._showing.append(asyncio.ensure_future(self._show_draft(index, data, mime)))

    def _on_delivered(self, index: int, entry: GalleryEntry, data: bytes, mime: str) -> None:
        self._showing.append(asyncio.ensure_future(
            self._show_delivered(index, entry, data, mime)))

    async def _show_draft(self, index: int, data: bytes, mime: str) -> None:
        image, icon = await asyncio.to_thread(_decode, data)
        self._set_result(index, icon, self.tr("Image %1: draft").replace("%1", str(index + 1)))
        if self._results.currentRow() in (-1, index):
            self._show(Shown(data, mime, image), keep_zoom=True)

    async def _show_delivered(self, index: int, entry: GalleryEntry, data: bytes,
                              mime: str) -> None:
        image, icon = await asyncio.to_thread(_decode, data)
        shown = Shown(data, mime, image, entry)
        item = self._set_result(index, icon, self.tr("Image %1").replace("%1", str(index + 1)))
        item.setData(Qt.ItemDataRole.UserRole, shown)
        if self._results.currentRow() in (-1, index):
            self._results.setCurrentRow(index)
            self._show(shown, keep_zoom=True)
        if entry.revised_prompt:
            self._revised.setText(self.tr("Revised prompt: %1")
                                   .replace("%1", str(entry.revised_prompt)))
            self._revised.show()

    def _on_failed(self, index: int, message: str) -> None:
        self._set_result(index, self._placeholder_icon(broken=True),
                         self.tr("Image %1: failed").replace("%1", str(index + 1)))
        self._show_message(message, error=True)

    def _set_result(self, index: int, icon: QImage | QIcon, text: str) -> QListWidgetItem:
        item = self._results.item(index)
        if item is None:  # a server that sent more images than asked for
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, None)
            self._results.addItem(item)
        item.setIcon(icon if isinstance(icon, QIcon) else QIcon(QPixmap.fromImage(icon)))
        item.setText(text)
        return item

    def _placeholder_icon(self, broken: bool = False) -> QIcon:
        pixmap = QPixmap(RESULT_ICON, RESULT_ICON)
        pixmap.fill(Qt.GlobalColor.lightGray if not broken else Qt.GlobalColor.darkRed)
        return QIcon(pixmap)

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

    @async_slot(object)
    async def show_entry(self, entry: GalleryEntry) -> None:
        """A gallery click: read and decode off the UI thread, then preview."""
        try:
            data = await asyncio.to_thread(entry.path.read_bytes)
            image, _icon = await asyncio.to_thread(_decode, data)
        except OSError as exc:
            self._show_message((self.tr("Could not read %1: %2")
                                .replace("%1", str(entry.path))
                                .replace("%2", str(exc))),
                               error=True)
            return
        self._canvas_tabs.setCurrentIndex(0)
        self._show(Shown(data, entry.mime, image, entry))
        if entry.revised_prompt:
            self._revised.setText(self.tr("Revised prompt: %1")
                                   .replace("%1", str(entry.revised_prompt)))
            self._revised.show()
        else:
            self._revised.hide()

    def copy_image(self) -> None:
        if self._shown is not None:
            QGuiApplication.clipboard().setImage(self._shown.image)
            self._show_message(self.tr("Copied to the clipboard."))

    def open_externally(self) -> None:
        if self._shown is not None and self._shown.entry is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._shown.entry.path)))

    def send_to_chat(self) -> None:
        if self._shown is not None:
            self.sendImageToChat.emit(self._shown.data, self._shown.mime)
            self._show_message(self.tr("Attached to the chat input."))

    def edit_shown(self) -> None:
        if self._shown is None:
            return
        self._source = (self._shown.data, "image.png")
        self._editor.canvas.set_image(self._shown.image)
        self.set_mode("edit")

    def _ask_save(self) -> None:
        if self._shown is None:
            return
        dialog = QFileDialog(self, self.tr("Save image"), self._settings.value(IMAGE_SAVE_FOLDER))
        dialog.setObjectName("saveImageDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters([self.tr("PNG image (*.png)"), self.tr("JPEG image (*.jpg)"),
                               self.tr("WebP image (*.webp)")])
        dialog.setDefaultSuffix("png")
        prompt = self._shown.entry.prompt if self._shown.entry else self._prompt.toPlainText()
        dialog.selectFile(suggested_name(prompt, "png", "image"))
        dialog.fileSelected.connect(self.save_to)
        dialog.open()

    @async_slot(str)
    async def save_to(self, path: str) -> None:
        if self._shown is None or not path:
            return
        target = Path(path)
        try:
            await asyncio.to_thread(_save_as, self._shown.data, target)
        except (OSError, ValueError) as exc:
            self._show_message((self.tr("Could not save %1: %2")
                                .replace("%1", str(target))
                                .replace("%2", str(exc))),
                               error=True)
            return
        self._settings.put(IMAGE_SAVE_FOLDER, str(target.parent))
        self._show_message(self.tr("Saved %1.").replace("%1", str(target.name)))

    # ------------------------------------------------------------------ source and mask
    def _ask_open(self) -> None:
        dialog = QFileDialog(self, self.tr("Open image"))
        dialog.setObjectName("openImageDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(self.tr(_OPEN_FILTER))
        dialog.fileSelected.connect(self.load_source)
        dialog.open()

    def _ask_mask(self) -> None:
        dialog = QFileDialog(self, self.tr("Open mask"))
        dialog.setObjectName("openMaskDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(self.tr(_OPEN_FILTER))
        dialog.fileSelected.connect(self.load_mask)
        dialog.open()

    async def _read_image(self, path: str) -> tuple[bytes, QImage] | None:
        file = Path(path)
        try:
            data = await asyncio.to_thread(file.read_bytes)
            await asyncio.to_thread(probe, data, file.name)
            image, _icon = await asyncio.to_thread(_decode, data)
        except OSError as exc:
            self._show_message((self.tr("Could not read %1: %2")
                                .replace("%1", str(file.name))
                                .replace("%2", str(exc.strerror or exc))),
                               error=True)
            return None
        except ImageInputError as exc:
            self._show_message(str(exc), error=True)
            return None
        if image.isNull():  # Pillow reads it but Qt cannot show it (rare formats)
            self._show_message(self.tr("%1 cannot be shown here.").replace("%1", str(file.name)),
                               error=True)
            return None
        return data, image

    @async_slot(str)
    async def load_source(self, path: str) -> None:
        """Open or drop: the image to edit or vary (the previous one stays on failure)."""
        read = await self._read_image(path)
        if read is None:
            return
        data, image = read
        self._source = (data, Path(path).name)
        self._editor.canvas.set_image(image)
        if self._mode() == "generate":
            self.set_mode("edit")
        self._canvas_tabs.setCurrentIndex(1)
        self._show_message(self.tr("%1: %2×%3")
                            .replace("%1", str(Path(path).name))
                            .replace("%2", str(image.width()))
                            .replace("%3", str(image.height())))

    @async_slot(str)
    async def load_mask(self, path: str) -> None:
        read = await self._read_image(path)
        if read is None:
            return
        _data, mask = read
        source = self._editor.canvas.image()
        if source.isNull():
            self._show_message(self.tr("Open the image before its mask."), error=True)
            return
        if mask.size() != source.size():
            self._show_message((self.tr("The mask is %1×%2 but the image is %3×%4; they must "
                                        "be the same size.")
                                .replace("%1", str(mask.width()))
                                .replace("%2", str(mask.height()))
                                .replace("%3", str(source.width()))
                                .replace("%4", str(source.height()))),
                error=True)
            return
        self._editor.canvas.set_mask(mask)

    # ------------------------------------------------------------------ gallery actions
    @async_slot(str)
    async def _search_changed(self, text: str) -> None:
        self._search = text
        await self.refresh_gallery()

    def rerun(self, entry: GalleryEntry) -> None:
        """Put the stored request back into the controls and run it again."""
        settings = dict(entry.settings)
        mode = str(settings.pop("mode", "generate"))
        if mode != "generate":
            self._show_message(self.tr("Re-run repeats generations; for edits and variations "
                                       "open the source image again."), error=True)
            return
        request = ImageRequest.from_settings(settings)
        self.set_mode("generate")
        self._model_picker.setCurrentText(request.model)
        self._prompt.setPlainText(request.prompt)
        self._controls.apply(settings)
        self.run_primary_action()

    @async_slot(list)
    async def delete_entries(self, entries: list[GalleryEntry]) -> None:
        gallery = await self._job.gallery()
        try:
            await asyncio.to_thread(gallery.delete, [e.id for e in entries])
        except Exception as exc:
            self._show_message(self.tr("Could not delete: %1").replace("%1", str(exc)), error=True)
            return
        if self._shown is not None and self._shown.entry in entries:
            self._shown = None
            self._preview.clear()
            self._update_tools()
        await self.refresh_gallery()

    def closeEvent(self, event: Any) -> None:
        self.stop_action()
        self._gallery_panel.model.loader.shutdown()
        with contextlib.suppress(Exception):
            self._job.close()
        super().closeEvent(event)
