"""The gallery and the conversation list: a search that finds nothing says so, and the
selected thumbnail shows the image's own colours."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QLabel

from playground.storage.gallery import GalleryEntry
from playground.ui.widgets.conversation_list import ConversationList
from playground.ui.widgets.image_gallery import ICON_SIDE, GalleryPanel


def _entry(media: Path, colour: str) -> GalleryEntry:
    image = QImage(ICON_SIDE, ICON_SIDE, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    assert image.save(str(media / "thumb.png"))
    return GalleryEntry(id=1, created=0.0, kind="generate", model="dall-e-2", prompt="a red barn",
                        revised_prompt=None, settings_json="{}", cost_text=None,
                        file="thumb.png", thumbnail="thumb.png", mime="image/png",
                        width=ICON_SIDE, height=ICON_SIDE, request_id=None, profile="Test",
                        media=media)


def test_selected_thumbnail_is_not_tinted(qtbot: Any, tmp_path: Path) -> None:
    panel = GalleryPanel()
    qtbot.addWidget(panel)
    panel.resize(400, 400)
    panel.show()
    panel.set_entries([_entry(tmp_path, "#d02020")])
    panel.view.setCurrentIndex(panel.model.index(0))
    qtbot.waitUntil(lambda: panel.model.thumbnails_loaded() == 1)
    rect = panel.view.visualRect(panel.model.index(0))
    qtbot.wait(50)
    shot = panel.view.viewport().grab().toImage()
    centre = QColor(shot.pixel(QPoint(rect.center().x(), rect.top() + 8 + ICON_SIDE // 2)))
    assert panel.view.selectionModel().isSelected(panel.model.index(0))
    assert (centre.red(), centre.green(), centre.blue()) == (0xd0, 0x20, 0x20), centre.name()


def test_gallery_search_without_results_says_so(qtbot: Any, tmp_path: Path) -> None:
    panel = GalleryPanel()
    qtbot.addWidget(panel)
    panel.show()
    note = panel.findChild(QLabel, "galleryEmptyNote")
    assert note is not None and not note.isVisible()
    panel.search.setText("zebra")
    panel.set_entries([])
    assert note.isVisible() and "zebra" in note.text()
    panel.set_entries([_entry(tmp_path, "#d02020")])
    assert not note.isVisible()


def test_conversation_search_without_results_says_so(qtbot: Any) -> None:
    view = ConversationList()
    qtbot.addWidget(view)
    view.show()
    note = view.findChild(QLabel, "conversationEmptyNote")
    assert note is not None and not note.isVisible()
    view.set_items([], None)  # no conversations and no search: nothing to explain
    assert not note.isVisible()
    view.search.setText("zebra")
    view.set_items([], None)
    assert note.isVisible() and "zebra" in note.text()
    view.search.setText("")
    view.set_items([(1, "Hello", "")], 1)
    assert not note.isVisible()
