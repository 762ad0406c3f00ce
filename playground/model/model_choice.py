"""Which models a picker offers, and what becomes of a saved choice that was retired.

Qt-free: pickers (ui.widgets.model_picker) and sessions call these with today's date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from playground.model.capabilities import Endpoint, ModelInfo, catalog_names, model_info

_TEXT_APIS = (Endpoint.CHAT, Endpoint.RESPONSES)


def _serves(info: ModelInfo, endpoint: Endpoint) -> bool:
    if endpoint in info.endpoints:
        return True
    # A local model the catalog does not know (llama3, qwen...) is taken as chat: it serves
    # both text APIs as far as the picker can tell; "obviously other" names were hinted away.
    return info.guessed and endpoint in _TEXT_APIS and bool(set(info.endpoints) & set(_TEXT_APIS))


def models_for(endpoint: Endpoint, server_ids: Iterable[str] | None, today: dt.date, *,
               include_retired: bool = True) -> list[str]:
    """The names a picker of `endpoint` offers: the server's list filtered to the endpoint
    (the catalog's own list when the server lists none: `server_ids` None), current models
    first, then retiring ones (soonest shutdown last), then retired ones (or none)."""
    names = list(dict.fromkeys(server_ids)) if server_ids is not None \
        else catalog_names(endpoint)
    order = {n: i for i, n in enumerate(catalog_names(endpoint))}
    picked: list[tuple[tuple[int, int, str, int], str]] = []
    for position, name in enumerate(names):
        info = model_info(name)
        if not _serves(info, endpoint):
            continue
        retired = info.retired(today)
        if retired and not include_retired:
            continue
        status = 2 if retired else 1 if info.retiring(today) else 0
        # Retiring ones: the latest shutdown first (it lasts longest); unknown names after
        # known ones, in the server's order.
        when = "" if info.shutdown_date is None else info.shutdown_date.isoformat()
        rank = order.get(name, len(order) + position)
        picked.append(((status, 0 if info.known else 1, _invert(when), rank), name))
    return [name for _, name in sorted(picked)]


def _invert(iso: str) -> str:
    """Sort key that puts later ISO dates first."""
    return "".join(chr(0x7F - ord(c)) for c in iso)


@dataclass(frozen=True)
class ModelNotice:
    """Why a saved model was (or could not be) replaced; the UI words it in its language."""

    old: str
    new: str | None  # the successor; None when none is known
    shutdown_date: dt.date | None
    moved: bool  # False: the successor is on another endpoint, so the choice was kept

    def __str__(self) -> str:
        when = f" on {self.shutdown_date.isoformat()}" if self.shutdown_date else ""
        if self.moved and self.new:
            return f"{self.old} was shut down{when}; now using {self.new}."
        if self.new:
            return f"{self.old} was shut down{when}; its successor {self.new} is not served here."
        return f"{self.old} was shut down{when}; choose another model."


def successor_of(name: str, today: dt.date) -> str | None:
    """The first successor in the chain that is not retired by `today`."""
    seen = {name}
    current = model_info(name).successor
    while current and current not in seen:
        info = model_info(current)
        if not info.retired(today):
            return current
        seen.add(current)
        current = info.successor
    return None


def migrate_model(name: str, today: dt.date,
                  endpoint: Endpoint | None = None) -> tuple[str, ModelNotice | None]:
    """A saved preference pointing at a retired model -> its successor and a notice.

    A current (or merely retiring) model is kept without a notice. The successor must serve
    `endpoint` (default: the retired model's first endpoint); otherwise the name is kept and
    the notice says what to use instead.
    """
    info = model_info(name)
    if not name.strip() or not info.retired(today):
        return name, None
    new = successor_of(name, today)
    wanted = endpoint or (info.endpoints[0] if info.endpoints else None)
    moved = new is not None and (wanted is None or wanted in model_info(new).endpoints)
    notice = ModelNotice(name, new, info.shutdown_date, moved)
    return (new if moved and new else name), notice
