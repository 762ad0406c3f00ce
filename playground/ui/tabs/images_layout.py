"""The Images tab's widgets and their layout: request panel | results and preview (or the
source and mask) | gallery. Built once; the tab wires and drives them."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from playground.model.capabilities import Endpoint
from playground.settings import IMAGE_MODEL
from playground.ui.widgets.image_controls import ImageControls
from playground.ui.widgets.image_gallery import GalleryPanel
from playground.ui.widgets.image_mask_painter import MaskEditor
from playground.ui.widgets.image_preview import ImagePreview
from playground.ui.widgets.model_picker import fill_model_picker
from playground.ui.widgets.tab_message import TabMessage

if TYPE_CHECKING:
    from playground.ui.tabs.images import ImagesTab

RESULT_ICON = 128
MODES = ("generate", "edit", "variation")


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImagesTab", text)  # the tab's catalog context


def build_images_layout(tab: ImagesTab) -> None:
    tab._mode_picker = QComboBox(tab)
    tab._mode_picker.setObjectName("imageModePicker")
    tab._mode_picker.setAccessibleName(_tr("What to do"))
    for mode, label in zip(MODES, (_tr("Generate"), _tr("Edit with a mask"),
                                   _tr("Variations")), strict=True):
        tab._mode_picker.addItem(label, mode)

    tab._model_picker = QComboBox(tab)
    tab._model_picker.setObjectName("imageModelPicker")
    tab._model_picker.setAccessibleName(_tr("Image model"))
    tab._model_picker.setEditable(True)
    fill_model_picker(tab._model_picker, None, Endpoint.IMAGES, dt.date.today())
    tab._model_picker.setCurrentText(tab._settings.value(IMAGE_MODEL))

    tab._prompt = QPlainTextEdit(tab)
    tab._prompt.setObjectName("imagePrompt")
    tab._prompt.setAccessibleName(_tr("Image prompt"))
    tab._prompt.setPlaceholderText(_tr("Describe the image…"))
    tab._counter = QLabel(tab)
    tab._counter.setObjectName("imagePromptCounter")
    tab._counter.setAlignment(Qt.AlignmentFlag.AlignRight)

    tab._controls = ImageControls(tab)
    tab._estimate = QLabel(tab)
    tab._estimate.setObjectName("imageCostEstimate")
    tab._estimate.setWordWrap(True)

    tab._generate = QPushButton(_tr("Generate"), tab)
    tab._generate.setObjectName("generateButton")
    tab._generate.setAccessibleName(_tr("Generate images"))
    tab._generate.setToolTip(_tr("Ctrl+Enter"))
    tab._generate.setDefault(True)
    tab._cancel = QPushButton(_tr("Cancel"), tab)
    tab._cancel.setObjectName("cancelImageButton")
    tab._cancel.setAccessibleName(_tr("Cancel image generation"))
    tab._cancel.setToolTip(_tr("Esc"))
    tab._cancel.setEnabled(False)

    tab._message = TabMessage("imageMessage", _tr("Image status"), tab)
    tab._revised = QLabel(tab)
    tab._revised.setObjectName("revisedPrompt")
    tab._revised.setAccessibleName(_tr("Revised prompt"))
    tab._revised.setWordWrap(True)
    tab._revised.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    tab._revised.hide()

    left = QWidget(tab)
    left.setObjectName("imageRequestPanel")
    form = QVBoxLayout(left)
    form.setContentsMargins(0, 0, 0, 0)
    form.addWidget(tab._profile_picker)
    form.addWidget(tab._mode_picker)
    form.addWidget(tab._model_picker)
    form.addWidget(tab._prompt, 1)
    form.addWidget(tab._counter)
    form.addWidget(tab._controls)
    form.addWidget(tab._estimate)
    buttons = QHBoxLayout()
    buttons.addWidget(tab._generate, 1)
    buttons.addWidget(tab._cancel)
    form.addLayout(buttons)
    form.addWidget(tab._message)
    form.addWidget(tab._revised)
    left.setMinimumWidth(260)

    # Centre: the results of the run above the preview; the source/mask on its own page.
    tab._results = QListWidget(tab)
    tab._results.setObjectName("imageResults")
    tab._results.setAccessibleName(_tr("Images of this run"))
    tab._results.setViewMode(QListWidget.ViewMode.IconMode)
    tab._results.setFlow(QListWidget.Flow.LeftToRight)
    tab._results.setWrapping(False)
    tab._results.setMovement(QListWidget.Movement.Static)
    tab._results.setIconSize(QSize(RESULT_ICON, RESULT_ICON))
    tab._results.setFixedHeight(RESULT_ICON + 44)
    tab._preview = ImagePreview(tab)
    # A toolbar, not a row: buttons that do not fit go to its overflow menu, so the tab
    # never forces the window wider than a small screen.
    tools = QToolBar(tab)
    tools.setObjectName("imageTools")
    tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    tab._tool_buttons = {}
    for name, text, accessible in (
        ("zoomInButton", _tr("Zoom in"), _tr("Zoom in")),
        ("zoomOutButton", _tr("Zoom out"), _tr("Zoom out")),
        ("zoomFitButton", _tr("Fit"), _tr("Fit the image to the view")),
        ("zoomActualButton", _tr("1:1"), _tr("Show at actual size")),
        ("saveImageButton", _tr("Save…"), _tr("Save as PNG, JPEG or WebP")),
        ("copyImageButton", _tr("Copy"), _tr("Copy the image to the clipboard")),
        ("openImageExternallyButton", _tr("Open"),
         _tr("Open in the system image viewer")),
        ("sendToChatButton", _tr("Send to chat"),
         _tr("Attach the image to the chat input")),
        ("editImageButton", _tr("Edit this"), _tr("Edit this image with a mask")),
    ):
        button = QToolButton(tab)
        button.setObjectName(name)
        button.setText(text)
        button.setAccessibleName(accessible)
        tools.addWidget(button)
        tab._tool_buttons[name] = button
    tab._zoom_label = QLabel(tab)
    tab._zoom_label.setObjectName("zoomLabel")
    tools.addSeparator()
    tools.addWidget(tab._zoom_label)
    result_page = QWidget(tab)
    result_layout = QVBoxLayout(result_page)
    result_layout.addWidget(tab._results)
    result_layout.addWidget(tools)
    result_layout.addWidget(tab._preview, 1)
    tab._editor = MaskEditor(tab)
    tab._canvas_tabs = QTabWidget(tab)
    tab._canvas_tabs.setObjectName("imageCanvasTabs")
    tab._canvas_tabs.setAccessibleName(_tr("Result or source image"))
    tab._canvas_tabs.addTab(result_page, _tr("Result"))
    tab._canvas_tabs.addTab(tab._editor, _tr("Source and mask"))

    tab._gallery_panel = GalleryPanel(tab)
    splitter = QSplitter(Qt.Orientation.Horizontal, tab)
    splitter.addWidget(left)
    splitter.addWidget(tab._canvas_tabs)
    splitter.addWidget(tab._gallery_panel)
    splitter.setStretchFactor(1, 1)
    splitter.setSizes([300, 640, 300])
    layout = QVBoxLayout(tab)
    layout.addWidget(splitter)
    tab._update_tools()
