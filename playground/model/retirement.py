"""Announced shutdowns a tab tells the user about: a model's (with the models leaving the same
day) and a whole endpoint's (it goes with the last model that serves it, e.g. /audio/
translations with whisper-1). Dates and successors come from the catalog, never from code.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from playground.model.capabilities import Endpoint, catalog_names, model_info
from playground.model.model_choice import successor_of

_SNAPSHOT = re.compile(r"-\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Retirement:
    date: dt.date
    models: tuple[str, ...]  # the endpoint's catalog models leaving that day (no snapshots)
    successor: str | None  # the first successor not retired by today; None: none named
    successor_endpoints: tuple[Endpoint, ...]  # where the successor is used
    past: bool  # the date has come

    @property
    def key(self) -> str:
        """Identifies the announcement: a dismissed notice stays dismissed until it changes."""
        return f"{self.date.isoformat()}:{','.join(self.models)}"


def model_retirement(model: str, endpoint: Endpoint, today: dt.date) -> Retirement | None:
    """The shutdown announced for `model` (None when none is), with the other models of
    `endpoint` that leave on the same day."""
    info = model_info(model)
    if info.shutdown_date is None or endpoint not in info.endpoints:
        return None
    date = info.shutdown_date
    group = [n for n in catalog_names(endpoint)
             if model_info(n).shutdown_date == date and not _SNAPSHOT.search(n)]
    successor = successor_of(model, today)
    return Retirement(date, tuple(group or [model]), successor,
                      model_info(successor).endpoints if successor else (), date <= today)


def endpoint_retirement(endpoint: Endpoint, today: dt.date) -> Retirement | None:
    """When every catalog model of `endpoint` has a shutdown date, the endpoint goes with
    the last of them; None when one of them stays."""
    names = catalog_names(endpoint)
    dates = [model_info(n).shutdown_date for n in names]
    if not names or any(d is None for d in dates):
        return None
    last = max(d for d in dates if d is not None)
    group = tuple(n for n in names if not _SNAPSHOT.search(n))
    successors = [s for s in (successor_of(n, today) for n in names) if s]
    successor = successors[0] if successors else None
    return Retirement(last, group or tuple(names), successor,
                      model_info(successor).endpoints if successor else (), last <= today)
