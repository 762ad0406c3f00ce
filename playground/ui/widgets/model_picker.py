"""Fill a model QComboBox with one endpoint's models, retiring and retired ones marked.

The combo keeps the model id as the item text (column 0, what an editable combo shows and
what callers read with currentText()) and as the item data; the popup is a two-column list
whose second column says "shuts down 2026-12-11 → gpt-5.5" or "retired 2026-05-12 → ...".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QTreeView

from playground.model.capabilities import Endpoint, model_info
from playground.model.model_choice import ModelNotice, models_for, successor_of

NOTE_COLUMN = 1
MODEL_ID_ROLE = Qt.ItemDataRole.UserRole


def _tr(text: str) -> str:
    return QCoreApplication.translate("ModelPicker", text)  # literal: lupdate_strings reads it


def model_note(name: str, today: dt.date) -> str:
    """'shuts down 2026-12-11 → gpt-5.5', 'retired 2026-05-12 → gpt-image-2' or ''."""
    info = model_info(name)
    successor = successor_of(name, today)
    if info.unsupported:
        note = _tr("not a supported model id")
    elif info.shutdown_date is None:
        return ""
    elif info.retired(today):
        note = _tr("retired %1").replace("%1", info.shutdown_date.isoformat())
    else:
        note = _tr("shuts down %1").replace("%1", info.shutdown_date.isoformat())
    return f"{note} → {successor}" if successor else note


def model_warning(name: str, today: dt.date) -> str:
    """What to tell the user before sending to a retired model; '' when it is fine."""
    info = model_info(name)
    if not name.strip() or not info.retired(today):
        return ""
    successor = successor_of(name, today)
    if info.unsupported:
        text = _tr("%1 is not a supported model id.").replace("%1", name)
    else:
        date = info.shutdown_date.isoformat() if info.shutdown_date else ""
        text = _tr("%1 was shut down on %2.").replace("%1", name).replace("%2", date)
    if successor:
        return text + " " + _tr("Choose %1 instead.").replace("%1", successor)
    return text + " " + _tr("Choose another model.")


def notice_text(notice: ModelNotice) -> str:
    """migrate_model's notice in the user's language, one line."""
    date = notice.shutdown_date.isoformat() if notice.shutdown_date else "?"
    if notice.moved and notice.new:
        return (_tr("%1 was shut down on %2; now using %3.").replace("%1", notice.old)
                .replace("%2", date).replace("%3", notice.new))
    if notice.new:
        return (_tr("%1 was shut down on %2; use %3 (another kind of model) instead.")
                .replace("%1", notice.old).replace("%2", date).replace("%3", notice.new))
    return (_tr("%1 was shut down on %2; choose another model.").replace("%1", notice.old)
            .replace("%2", date))


def _two_column_view(combo: QComboBox) -> QTreeView:
    view = combo.view()
    if isinstance(view, QTreeView):
        return view
    tree = QTreeView(combo)
    tree.setHeaderHidden(True)
    tree.setRootIsDecorated(False)
    tree.setAllColumnsShowFocus(True)
    tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    combo.setView(tree)
    return tree


def fill_model_picker(combo: QComboBox, names: Iterable[str] | None, endpoint: Endpoint,
                      today: dt.date, *, keep: str | None = None) -> list[str]:
    """Replace the combo's items with the endpoint's models among `names` (None: the
    catalog's own list), current first, retired last and greyed. The typed or chosen text
    (`keep`, default: the current text) stays. Returns the ids shown."""
    current = (keep if keep is not None else combo.currentText()).strip()
    shown = models_for(endpoint, names, today)
    model = QStandardItemModel(0, 2, combo)
    dim = combo.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    for name in shown:
        item = QStandardItem(name)
        item.setData(name, MODEL_ID_ROLE)
        note = QStandardItem(model_note(name, today))
        if model_info(name).retired(today):
            for cell in (item, note):
                cell.setForeground(dim)
        if note.text():
            item.setToolTip(f"{name} — {note.text()}")
            note.setToolTip(item.toolTip())
        model.appendRow([item, note])
    blocked = combo.blockSignals(True)
    try:
        combo.setModel(model)  # deletes the previous model when the combo owned it
        combo.setModelColumn(0)
        view = _two_column_view(combo)
        header = view.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        view.setMinimumWidth(max(combo.width(), view.sizeHintForColumn(0)
                                 + view.sizeHintForColumn(1) + 24))
        if combo.isEditable():
            combo.setEditText(current)
        else:
            combo.setCurrentIndex(max(combo.findText(current), 0))
    finally:
        combo.blockSignals(blocked)
    return shown


def watch_retired(combo: QComboBox, show: Callable[[str], None]) -> None:
    """Call `show(warning)` whenever the combo's model becomes a retired one (the request is
    still allowed: compatible servers may serve a model OpenAI retired)."""

    def check(name: str) -> None:
        warning = model_warning(name.strip(), dt.date.today())
        if warning:
            show(warning)

    combo.currentTextChanged.connect(check)
