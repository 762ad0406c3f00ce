"""MessageView with real widgets: streaming, copy, escaping, paging, errors, scrolling."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QPoint, QPointF, Qt, QUrl, Slot
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QGuiApplication,
    QImage,
    QPalette,
    QTextCursor,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QToolButton
from pytestqt.qtbot import QtBot

from playground.ui.widgets.message_pacer import (
    FRAME_INTERVAL_MS,
    MAX_INTERVAL_MS,
    FramePacer,
    interval_for_cost,
)
from playground.ui.widgets.message_view import MessageView
from playground.ui.widgets.message_widget import MessageWidget

REPLY = """Here is the plan, 中文也可以。

| step | cost |
|---|---|
| one | $1 |

```python
for i in range(3):
    print(i)
```

- done
- next

Bye <i>now</i>.
"""


def make_view(qtbot: QtBot, height: int = 600) -> MessageView:
    view = MessageView()
    qtbot.addWidget(view)
    view.resize(640, height)
    view.show()
    qtbot.waitExposed(view)
    return view


def settle(qtbot: QtBot) -> None:
    """Deliver the posted layout and resize events until none is left (no fixed wait)."""
    from PySide6.QtCore import QCoreApplication

    for _ in range(10):
        QCoreApplication.sendPostedEvents()
        QCoreApplication.processEvents()


def png_bytes(width: int, height: int) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("teal"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def test_view_has_its_public_object_name(qtbot: QtBot) -> None:
    assert make_view(qtbot).objectName() == "messageView"


def test_streaming_5000_deltas_gives_exactly_the_source(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    reference = view.add_message("ref", "assistant", REPLY * 100)
    reply = view.add_message("a1", "assistant", "", status="streaming")
    source = REPLY * 100
    deltas = [source[i:i + 2] for i in range(0, len(source), 2)]
    assert len(deltas) >= 5000
    for n, delta in enumerate(deltas):
        reply.append_text(delta)
        if n == 2500:
            qtbot.waitUntil(lambda: reply.browsers()[0].document().characterCount() > 1000)
    reply.finish()
    reply.set_status("complete")
    assert reply.text == source
    assert reply.plain_text() == reference.plain_text()
    assert len(reply.browsers()) > 1  # a long reply is split over several documents
    assert reply.code_block(0) == "for i in range(3):\n    print(i)\n"


def test_appended_text_reaches_the_screen_within_a_frame(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    reply = view.add_message("a1", "assistant", "", status="streaming")
    reply.append_text("Hello")
    reply.append_text(" world")
    document = reply.browsers()[0].document()
    assert document.toPlainText() == ""  # buffered, not one update per delta
    qtbot.waitUntil(lambda: document.toPlainText() == "Hello world", timeout=500)


def test_code_copy_link_puts_exactly_that_code_on_the_clipboard(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    text = "```sh\necho first\n```\n\nMiddle.\n\n```python\nx = '<tag>'  # second\n```\n"
    message = view.add_message("a1", "assistant", text)
    settle(qtbot)
    browser = message.browsers()[0]
    anchors = _anchor_positions(message)
    assert [href for href, _ in anchors] == ["copy-code:0", "copy-code:1"]
    QGuiApplication.clipboard().clear()
    position = anchors[1][1]
    cursor = QTextCursor(browser.document())
    cursor.setPosition(position + 1)
    point = browser.cursorRect(cursor).center()
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == "x = '<tag>'  # second\n")


def _anchor_positions(message: MessageWidget) -> list[tuple[str, int]]:
    found = []
    block = message.browsers()[0].document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            href = fragment.charFormat().anchorHref()
            if href:
                found.append((href, fragment.position()))
            it += 1
        block = block.next()
    return found


def test_html_in_the_source_is_shown_as_text(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    message = view.add_message("u1", "user", "<b>bold?</b> <img src='x.png'> <script>x()</script>")
    plain = message.plain_text()
    assert "<b>bold?</b>" in plain and "<img src='x.png'>" in plain and "<script>" in plain
    assert "<img" not in message.browsers()[0].toHtml().replace("&lt;img", "")


def test_copy_button_copies_the_markdown_source(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    message = view.add_message("a1", "assistant", REPLY)
    settle(qtbot)
    with qtbot.waitSignal(view.copyRequested) as signal:
        message.findChild(QToolButton, "copyMessageButton").click()
    assert signal.args == ["a1"]
    assert QGuiApplication.clipboard().text() == REPLY


def test_message_buttons_match_the_role_and_emit_the_key(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    user = view.add_message(1, "user", "question")
    reply = view.add_message(2, "assistant", "answer")
    settle(qtbot)
    assert user.findChild(QToolButton, "regenerateMessageButton") is None
    assert reply.findChild(QToolButton, "editMessageButton") is None
    for button in user.findChildren(QToolButton) + reply.findChildren(QToolButton):
        assert button.accessibleName()
    with qtbot.waitSignal(view.editRequested) as edit:
        user.findChild(QToolButton, "editMessageButton").click()
    with qtbot.waitSignal(view.regenerateRequested) as regenerate:
        reply.findChild(QToolButton, "regenerateMessageButton").click()
    with qtbot.waitSignal(view.readAloudRequested) as read:
        reply.findChild(QToolButton, "readAloudMessageButton").click()
    assert (edit.args, regenerate.args, read.args) == ([1], [2], [2])


@pytest.mark.qt_log_ignore("does not support grabbing the keyboard")  # offscreen popups
def test_open_in_tokenizer_from_the_menu_emits_the_key_and_source(qtbot: QtBot) -> None:
    from playground.ui.widgets.message_menu import message_menu

    view = make_view(qtbot)
    message = view.add_message("a1", "assistant", REPLY)
    settle(qtbot)
    browser = message.browsers()[0]
    assert browser.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    requested: list[str] = []
    menu = message_menu(browser, QPoint(5, 5), requested.append)
    texts = [action.text() for action in menu.actions()]
    assert any("Copy" in text for text in texts)  # the text view's own entries stay
    tokenize = next(a for a in menu.actions() if a.objectName() == "tokenizeMessageAction")
    assert tokenize.text() == "Open in tokenizer"
    tokenize.trigger()
    assert requested == ["tokenize"]
    # A right-click pops the installed menu up; its entry reaches the view with the source.
    browser.customContextMenuRequested.emit(QPoint(5, 5))
    shown = [w for w in QApplication.topLevelWidgets()
             if w.objectName() == "messageMenu" and w.isVisible()]
    assert len(shown) == 1
    entry = next(a for a in shown[0].actions() if a.objectName() == "tokenizeMessageAction")
    with qtbot.waitSignal(view.tokenizeRequested) as signal:
        entry.trigger()
    assert signal.args == ["a1", REPLY]
    shown[0].close()


def test_remove_from_drops_the_message_and_everything_after(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    for key in range(5):
        view.add_message(key, "user" if key % 2 == 0 else "assistant", f"message {key}")
    view.remove_from(2)
    assert view.keys() == [0, 1]
    assert view.message(2) is None and view.message(4) is None
    view.add_message(2, "user", "edited")  # the key can be used again
    assert view.keys() == [0, 1, 2]
    view.remove_from("not shown")  # unknown keys change nothing
    assert view.keys() == [0, 1, 2]


def test_show_earlier_requests_a_page_and_prepends_it_in_order(qtbot: QtBot) -> None:
    view = make_view(qtbot, height=300)
    for key in range(50, 60):
        view.add_message(key, "user", f"message {key}\n\n" + "line\n\n" * 3)
    view.set_has_earlier(True)
    settle(qtbot)
    button = view.findChild(QPushButton, "showEarlierButton")
    assert button.isVisible() and button.accessibleName()
    view.verticalScrollBar().setSliderPosition(0)  # as when the user drags to the top
    settle(qtbot)
    first = view.message(50)
    top_before = first.mapTo(view.viewport(), first.rect().topLeft()).y()
    with qtbot.waitSignal(view.earlierRequested):
        button.click()
    view.prepend_messages([(k, "assistant", f"earlier {k}", [], "complete", "gpt-4o")
                           for k in range(40, 50)])
    view.set_has_earlier(False)
    settle(qtbot)
    assert view.keys() == list(range(40, 60))
    assert not button.isVisible()
    # The message the user was reading stays where it was.
    top_after = first.mapTo(view.viewport(), first.rect().topLeft()).y()
    assert top_after == top_before


def test_error_actions_emit_the_message_key(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    reply = view.add_message("r7", "assistant", "partial", status="streaming")
    reply.set_status("error")
    reply.show_error("Rate limit reached", "Slow down.", "req_123",
                     [("retry", "Retry"), ("open_key_dialog", "Open key dialog")])
    panel = reply.error_panel
    assert panel is not None
    assert [b.text() for b in panel.action_buttons()] == ["Retry", "Open key dialog"]
    assert "req_123" in panel.findChild(QLabel, "messageErrorRequestId").text()
    with qtbot.waitSignal(view.actionTriggered) as signal:
        panel.findChild(QPushButton, "retryActionButton").click()
    assert signal.args == ["r7", "retry"]
    reply.show_countdown("Retrying in 3 s…")
    assert panel.findChild(QLabel, "messageRetryCountdown").text() == "Retrying in 3 s…"
    reply.clear_error()
    assert reply.error_panel is None
    assert reply.text == "partial"  # the partial reply is kept


def test_unknown_status_is_refused(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    reply = view.add_message("a", "assistant", "")
    try:
        reply.set_status("done")
    except ValueError as error:
        assert "done" in str(error)
    else:
        raise AssertionError("an unknown status was accepted")


def _stream(qtbot: QtBot, message: MessageWidget, paragraphs: int) -> None:
    for n in range(paragraphs):
        message.append_text(f"Paragraph {n} with some words to wrap around the view.\n\n")
        qtbot.wait(20)


def test_sticks_to_the_bottom_while_streaming(qtbot: QtBot) -> None:
    view = make_view(qtbot, height=250)
    view.add_message("u", "user", "Tell me a long story.")
    reply = view.add_message("a", "assistant", "", status="streaming")
    _stream(qtbot, reply, 25)
    reply.finish()
    settle(qtbot)
    bar = view.verticalScrollBar()
    assert bar.maximum() > 0
    assert bar.value() == bar.maximum()
    assert view.is_stuck_to_bottom()


def test_does_not_jump_when_the_user_scrolled_up(qtbot: QtBot) -> None:
    view = make_view(qtbot, height=250)
    view.add_message("u", "user", "Tell me a long story.")
    reply = view.add_message("a", "assistant", "", status="streaming")
    _stream(qtbot, reply, 15)
    bar = view.verticalScrollBar()
    bar.setSliderPosition(bar.maximum() // 3)  # the user drags up to reread
    settle(qtbot)
    where = bar.value()
    _stream(qtbot, reply, 15)
    settle(qtbot)
    assert not view.is_stuck_to_bottom()
    assert bar.value() == where
    assert bar.maximum() > where
    view.scroll_to_bottom()  # and back when asked
    _stream(qtbot, reply, 3)
    settle(qtbot)
    assert bar.value() == bar.maximum()


def test_user_images_show_as_thumbnails(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    message = view.add_message("u", "user", "What is this?",
                               images=[png_bytes(800, 400), b"not an image"])
    settle(qtbot)
    labels = message.findChildren(QLabel, "messageImage")
    assert len(labels) == 2
    pixmap = labels[0].pixmap()
    assert max(pixmap.width(), pixmap.height()) <= 96 and pixmap.width() == 96
    assert labels[1].pixmap().isNull() and labels[1].text()


def test_clear_empties_the_conversation(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.add_message(1, "user", "a")
    view.set_has_earlier(True)
    view.clear()
    assert view.keys() == [] and view.message(1) is None
    assert not view.findChild(QPushButton, "showEarlierButton").isVisible()


def test_stored_messages_on_screen_are_built_before_the_first_paint(qtbot: QtBot) -> None:
    view = MessageView()
    qtbot.addWidget(view)
    view.resize(640, 400)
    for key in range(50):
        view.add_message(key, "assistant", f"Answer {key}\n\n```python\nx = {key}\n```\n")
    assert not view.message(0).is_built  # off-screen messages wait for idle time
    view.show()  # the newest ones are built before anything is painted
    assert view.message(49).is_built and view.message(48).is_built
    assert not view.message(0).is_built
    qtbot.waitUntil(lambda: all(view.message(k).is_built for k in range(50)))
    settle(qtbot)
    bar = view.verticalScrollBar()
    assert bar.value() == bar.maximum()  # still at the newest message
    assert view.message(0).code_block(0) == "x = 0\n"


def test_web_links_open_in_the_browser_and_other_schemes_do_not(qtbot: QtBot) -> None:
    opened: list[str] = []

    class Browser(QObject):
        @Slot(QUrl)
        def open(self, url: QUrl) -> None:
            opened.append(url.toString())

    handler = Browser()
    for scheme in ("https", "file"):
        QDesktopServices.setUrlHandler(scheme, handler, "open")
    try:
        view = make_view(qtbot)
        message = view.add_message("a", "assistant", "[docs](https://example.com/x)")
        settle(qtbot)
        browser = message.browsers()[0]
        browser.anchorClicked.emit(QUrl("https://example.com/x"))
        browser.anchorClicked.emit(QUrl("file:///etc/passwd"))
        assert opened == ["https://example.com/x"]
    finally:
        for scheme in ("https", "file"):
            QDesktopServices.unsetUrlHandler(scheme)


def test_a_wheel_scroll_up_stops_following_the_stream(qtbot: QtBot) -> None:
    view = make_view(qtbot, height=250)
    reply = view.add_message("a", "assistant", "", status="streaming")
    _stream(qtbot, reply, 20)
    assert view.is_stuck_to_bottom()
    center = QPointF(view.viewport().rect().center())
    wheel = QWheelEvent(center, view.viewport().mapToGlobal(center), QPoint(0, 0),
                        QPoint(0, 240), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), wheel)
    settle(qtbot)
    assert not view.is_stuck_to_bottom()


def test_dark_palette_rerenders_code_with_dark_colours(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    message = view.add_message("a", "assistant", "```python\ndef f(): pass\n```")
    settle(qtbot)
    light_html = message.browsers()[0].toHtml()
    palette = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#202020"),
                         (QPalette.ColorRole.Base, "#181818"),
                         (QPalette.ColorRole.Text, "#eeeeee")):
        palette.setColor(role, QColor(colour))
    view.setPalette(palette)
    settle(qtbot)
    dark_html = message.browsers()[0].toHtml()
    assert dark_html != light_html
    assert message.code_block(0) == "def f(): pass\n"


def test_update_interval_keeps_updates_to_a_quarter_of_the_time() -> None:
    assert interval_for_cost(0.001) == FRAME_INTERVAL_MS  # cheap: every frame
    assert interval_for_cost(0.010) == 30  # 10 ms of work, then 30 ms for everything else
    assert interval_for_cost(1.0) == MAX_INTERVAL_MS  # never fewer than 20 updates a second


def test_an_expensive_update_slows_the_pacer(qtbot: QtBot) -> None:
    pacer = FramePacer()
    assert pacer.interval_ms == FRAME_INTERVAL_MS
    pacer.update_started()
    time.sleep(0.03)  # an update whose layout and paint took 30 ms
    qtbot.waitUntil(lambda: not pacer.is_measuring)
    assert pacer.interval_ms > FRAME_INTERVAL_MS
