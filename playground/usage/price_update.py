"""Newer price data for genai-prices, fetched on request and kept for later (offline) starts.

genai-prices ships an offline snapshot; its own updater (`genai_prices.UpdatePrices`) fetches
newer data from DEFAULT_UPDATE_URL, parses it with `types._providers_from_raw` and installs it
with `data_snapshot.set_custom_snapshot`. We do the same once, on request, instead of its
hourly background thread: download (api/price_download, on the event loop), validate with
genai-prices' own parser, refuse data without OpenAI prices, write the file atomically beside
the database with a small sidecar saying where and when it came from, then use it. A later
start loads the saved file on the usage worker, so prices stay current offline; a damaged
file, or one downloaded under an older genai-prices (its own snapshot is then newer), is
ignored and the package's snapshot stays in use.

Validation, comparison and writing run on the usage worker thread, never on the UI thread.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playground.api.price_download import Downloaded

FILE_NAME = "genai-prices.json"
META_NAME = "genai-prices.meta.json"
PROVIDER = "openai"  # the data must price OpenAI's models, or it is not for this app


class PriceUpdateError(RuntimeError):
    """The download failed or was not price data: the data in use stays as it was.

    `kind`: network | proxy | timeout | http | too_large | invalid | no_openai | storage |
    no_folder; `detail`: the raw reason, for a "Details" toggle."""

    def __init__(self, kind: str, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.kind = kind
        self.detail = detail


@dataclass(frozen=True)
class PriceData:
    """Which genai-prices data prices tokens now."""

    origin: str  # "package" (the snapshot inside genai-prices) | "download"
    date: str  # YYYY-MM-DD: a download's data date; the package's newest price change
    version: str  # the installed genai-prices
    providers: int
    models: int


@dataclass(frozen=True)
class UpdateResult:
    changed: bool  # False: the download is the data already in use ("Already current")
    data: PriceData  # the data in use afterwards
    new_models: tuple[str, ...] = ()  # OpenAI models priced now that were not before


def default_url() -> str:
    from genai_prices.update_prices import DEFAULT_UPDATE_URL

    return str(DEFAULT_UPDATE_URL)


def package_version() -> str:
    from importlib.metadata import version

    return version("genai-prices")


async def fetch(url: str | None = None, proxy: str | None = None,
                timeout: float = 30.0) -> Downloaded:
    """The data at `url` (genai-prices' own by default); raises PriceUpdateError."""
    from playground.api.price_download import DownloadError, download

    try:
        return await download(url or default_url(), proxy=proxy, timeout=timeout)
    except DownloadError as exc:
        raise PriceUpdateError(exc.kind, str(exc), exc.detail) from exc


def validated(raw: bytes) -> list[Any]:
    """genai-prices' providers parsed from `raw` by its own parser; raises PriceUpdateError."""
    from genai_prices.types import _providers_from_raw  # the parser its own updater uses

    try:
        payload = _json_list(raw)
    except (ValueError, UnicodeDecodeError) as exc:  # truncated or not JSON at all
        raise PriceUpdateError("invalid", "The download is not JSON: it may be cut short.",
                               str(exc)) from exc
    if not isinstance(payload, list) or not payload:
        raise PriceUpdateError("invalid", "The download is not a list of price providers.",
                               _start_of(raw))
    try:
        # One provider at a time: pydantic validates in Rust holding the GIL, and the whole
        # list in one call held it ~20 ms, more than a frame of the UI thread.
        providers: list[Any] = []
        for raw_provider in payload:
            providers += _providers_from_raw([raw_provider])
            time.sleep(0)  # hand the GIL over: a waiting UI thread runs now, not in 5 ms

    except Exception as exc:  # pydantic's ValidationError, saying where it failed
        raise PriceUpdateError("invalid", "The download is not valid genai-prices data.",
                               str(exc)) from exc
    if not any(p.id == PROVIDER and p.models for p in providers):
        raise PriceUpdateError("no_openai", "The download has no prices for OpenAI models.",
                               f"providers: {', '.join(p.id for p in providers)[:500]}")
    return providers


def apply_download(folder: Path, downloaded: Downloaded,
                   today: date | None = None) -> UpdateResult:
    """Validate, compare with the data in use, save (atomically) and use; worker thread."""
    from genai_prices import data_snapshot

    from playground import heap

    heap.freeze_long_lived()  # the parse's full collection skips the heap alive now
    providers = validated(downloaded.body)
    current = data_snapshot.get_snapshot()
    if providers == current.providers:
        return UpdateResult(False, describe_in_use())
    data_date = (downloaded.last_modified or today or datetime.now(UTC).date()).isoformat()
    meta = {"date": data_date, "url": downloaded.url, "package": package_version(),
            "fetched": datetime.now(UTC).isoformat(timespec="seconds"),
            "sha256": hashlib.sha256(downloaded.body).hexdigest()}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _write_atomically(folder / FILE_NAME, downloaded.body)
        _write_atomically(folder / META_NAME, json.dumps(meta, indent=1).encode())
    except OSError as exc:
        raise PriceUpdateError("storage", f"The price data could not be saved in {folder}.",
                               str(exc)) from exc
    new = _openai_models(providers) - _openai_models(current.providers)
    _use(providers, data_date)
    return UpdateResult(True, describe_in_use(), tuple(sorted(new)))


def load_saved(folder: Path) -> str | None:
    """Use the data an earlier update saved, if any and usable (at start, on a worker).
    Returns why a saved file was not used, or None (used, or there is none)."""
    target = folder / FILE_NAME
    if not target.exists():
        return None
    try:
        raw = target.read_bytes()
        meta = _read_meta(folder, raw)
        if meta.get("package", package_version()) != package_version():
            return (f"Price data downloaded under genai-prices {meta.get('package')} is not "
                    f"used: the installed {package_version()} brings newer data.")
        providers = validated(raw)
    except OSError as exc:
        return f"The saved price data {target} cannot be read: {exc}."
    except PriceUpdateError as exc:
        return f"The saved price data {target} is damaged and not used: {exc}"
    data_date = str(meta.get("date") or _mtime_date(target))
    _use(providers, data_date)
    return None


def describe_in_use() -> PriceData:
    """The data genai-prices prices with now (loads its snapshot if needed: a worker only)."""
    from genai_prices import data_snapshot

    snapshot = data_snapshot.get_snapshot()
    providers = snapshot.providers
    models = sum(len(p.models) for p in providers)
    if _installed is not None and _installed[0] is snapshot:
        return PriceData("download", _installed[1], package_version(), len(providers), models)
    return PriceData("package", newest_change(providers), package_version(), len(providers),
                     models)


def newest_change(providers: list[Any], today: date | None = None) -> str:
    """The latest date a price in the data took effect (a snapshot carries no date of its own;
    its newest dated change is the best-known "data as of"); "" when none is dated."""
    today = today or datetime.now(UTC).date()
    dates = [d for p in providers for m in p.models for d in _start_dates(m) if d <= today]
    return max(dates).isoformat() if dates else ""


# ---- helpers ------------------------------------------------------------------------------

# The snapshot this module installed last, with its data date (a test or another library
# may install its own: then that one is described as the package's).
_installed: tuple[Any, str] | None = None


def _use(providers: list[Any], data_date: str) -> None:
    from genai_prices import data_snapshot

    global _installed
    snapshot = data_snapshot.DataSnapshot(providers, from_auto_update=True)
    _installed = (snapshot, data_date)
    data_snapshot.set_custom_snapshot(snapshot)


def _write_atomically(path: Path, data: bytes) -> None:
    """A crash mid-write never leaves half a file in use: write aside, sync, then rename."""
    partial = path.with_name(path.name + ".part")
    with open(partial, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.replace(partial, path)


def _read_meta(folder: Path, raw: bytes) -> dict[str, Any]:
    """The sidecar, if it belongs to this data file (a crash between the two writes leaves
    the previous one: then the file's own date is used)."""
    try:
        meta = json.loads((folder / META_NAME).read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(meta, dict) or meta.get("sha256") != hashlib.sha256(raw).hexdigest():
        return {}
    return meta


def _mtime_date(path: Path) -> str:
    return datetime.fromtimestamp(path.stat().st_mtime, UTC).date().isoformat()


def _openai_models(providers: list[Any]) -> set[str]:
    return {m.id for p in providers if p.id == PROVIDER for m in p.models}


def _start_dates(model: Any) -> list[date]:
    found = []
    prices = model.prices if isinstance(model.prices, list) else []
    for item in [*prices, *(model.price_variants or [])]:
        start = getattr(getattr(item, "constraint", None), "start_date", None)
        if isinstance(start, date):
            found.append(start)
    return found


def _json_list(raw: bytes) -> Any:
    """json.loads, but a top-level list is read one element per call: one call over the
    whole megabyte held the GIL 10-18 ms, most of a UI frame; one provider takes ~1 ms."""
    text = raw.decode("utf-8")
    start = len(text) - len(text.lstrip())
    if not text.startswith("[", start):
        return json.loads(text)  # not a list: the caller says so
    decoder = json.JSONDecoder()
    items: list[Any] = []
    index = _skip_space(text, start + 1)
    if text.startswith("]", index):
        return items
    while True:
        item, index = decoder.raw_decode(text, index)
        items.append(item)
        time.sleep(0)  # as in validated(): the UI thread gets the GIL between providers
        index = _skip_space(text, index)
        if text.startswith("]", index):
            if _skip_space(text, index + 1) != len(text):
                raise json.JSONDecodeError("Extra data", text, index + 1)
            return items
        if not text.startswith(",", index):
            raise json.JSONDecodeError("Expecting ',' delimiter", text, index)
        index = _skip_space(text, index + 1)


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index] in " \t\n\r":
        index += 1
    return index


def _start_of(raw: bytes) -> str:
    return raw[:300].decode("utf-8", "replace")
