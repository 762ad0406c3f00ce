"""Newer price data for genai-prices, fetched on request and kept for the next start.

genai-prices ships an offline snapshot; its maintainers publish newer data at a fixed URL.
"Update prices" downloads it (api/price_download: httpx, which honours the proxy settings of
the environment), validates it with genai-prices' own schema, writes it atomically
beside the database and makes it the data in use. A later start loads the saved file on the
usage worker, so prices stay current offline; a damaged file is ignored (the snapshot is used).
Runs on a worker thread only: never on the UI thread.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FILE_NAME = "genai-prices.json"


class PriceUpdateError(RuntimeError):
    """The download failed or was not price data: the data in use stays as it was."""


@dataclass(frozen=True)
class PriceData:
    providers: int  # how many providers the data prices
    fetched: str  # when it was downloaded (local date and time), "" for the package snapshot


def default_url() -> str:
    from genai_prices.update_prices import DEFAULT_UPDATE_URL

    return str(DEFAULT_UPDATE_URL)


def _validated(raw: bytes) -> Any:
    """The providers in `raw`, validated by genai-prices; raises PriceUpdateError."""
    from genai_prices.types import _providers_from_raw  # the parser its own updater uses

    try:
        payload = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise PriceUpdateError(f"The download is not JSON ({exc}).") from exc
    if not isinstance(payload, list) or not payload:
        raise PriceUpdateError("The download is not a list of price providers.")
    try:
        return _providers_from_raw(payload)
    except Exception as exc:  # pydantic's ValidationError, with where it failed
        raise PriceUpdateError(f"The download is not valid price data: {exc}") from exc


def _use(providers: Any) -> None:
    from genai_prices import data_snapshot

    data_snapshot.set_custom_snapshot(data_snapshot.DataSnapshot(providers,
                                                                 from_auto_update=True))


def fetch_and_store(folder: Path, url: str | None = None, timeout: float = 30.0) -> PriceData:
    """Download, validate, save (atomically) and use newer data; raises PriceUpdateError."""
    from playground.api.price_download import DownloadError, download

    try:
        raw = download(url or default_url(), timeout)
    except DownloadError as exc:
        raise PriceUpdateError(str(exc)) from exc
    providers = _validated(raw)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / FILE_NAME
    partial = target.with_suffix(".part")
    partial.write_bytes(raw)
    os.replace(partial, target)  # a crash mid-write never leaves half a file in use
    _use(providers)
    return PriceData(len(providers), time.strftime("%Y-%m-%d %H:%M"))


def load_saved(folder: Path) -> PriceData | None:
    """Use the data saved by an earlier update, if any and valid (at start, on a worker)."""
    target = folder / FILE_NAME
    try:
        raw = target.read_bytes()
        providers = _validated(raw)
    except (OSError, PriceUpdateError):
        return None  # none saved, or damaged: the package's snapshot stays in use
    _use(providers)
    fetched = time.strftime("%Y-%m-%d %H:%M", time.localtime(target.stat().st_mtime))
    return PriceData(len(providers), fetched)
