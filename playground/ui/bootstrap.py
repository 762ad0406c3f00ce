"""Builds the services inside the running qasync loop, hands them to the window, and runs
until the main window closes. Storage problems degrade to a working session, with a message."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from playground.services import ApiProvider, Services
from playground.services.prompt_library import PromptLibrary
from playground.settings import Settings
from playground.storage.gallery import Gallery
from playground.storage.history_async import AsyncHistory
from playground.storage.paths import StorageUnavailable, config_dir, database_path
from playground.storage.secrets import SecretStore
from playground.ui.event_loop import install_asyncgen_hooks
from playground.ui.main_window import MainWindow
from playground.usage.service import UsageService

log = logging.getLogger(__name__)


async def run_services(window: MainWindow, settings: Settings) -> int:
    loop = asyncio.get_running_loop()
    install_asyncgen_hooks(loop)
    closed: asyncio.Future[None] = loop.create_future()
    def on_closed() -> None:
        if not closed.done():
            closed.set_result(None)

    window.closed.connect(on_closed)

    problems: list[str] = []
    database: Path | None
    try:
        database = await asyncio.to_thread(database_path)
    except StorageUnavailable as exc:
        database = None
        problems.append(_not_saved(exc))
    try:
        user_pricing: Path | None = await asyncio.to_thread(lambda: config_dir() / "pricing.toml")
    except StorageUnavailable:
        user_pricing = None

    try:
        history = await AsyncHistory.open(database)
    except StorageUnavailable as exc:  # e.g. a damaged database file: keep it, work in memory
        problems.append(_not_saved(exc))
        history = await AsyncHistory.open(None)
    usage = UsageService(database or ":memory:", user_pricing=user_pricing, loop=loop,
                         price_folder=database.parent if database is not None else None,
                         freeze_heap=True)
    api = ApiProvider(window.active_profile, window.load_key)
    services = Services(api=api, usage=usage, history=history, secrets=SecretStore(),
                        settings=settings, profiles=window.profiles,
                        gallery=await _open_gallery(), prompts=await _open_prompts(database))
    window.attach(services)
    if problems:
        window.set_notice("storage", " ".join(problems))
    try:
        await closed
    finally:
        from playground.services.mcp_servers import mcp_servers_for

        await mcp_servers_for(services).stop_all()  # no server process outlives the app
        for tab in list(window.tabs_by_name.values()):
            await tab.aclose()
        if services.prompts is not None:
            await services.prompts.close()
        await api.aclose()
        await history.close()
        usage.close()
        settings.sync()
    return 0


async def _open_gallery() -> Gallery | None:
    try:
        return await asyncio.to_thread(Gallery.open_default)
    except Exception:  # no media folder: the images tab tries again and says why when used
        return None


async def _open_prompts(database: Path | None) -> PromptLibrary | None:
    try:
        return await PromptLibrary.open(database)
    except StorageUnavailable:  # the library window says it is unavailable, and why
        return None


def _not_saved(exc: StorageUnavailable) -> str:
    return QCoreApplication.translate(
        "Bootstrap", "History is not saved this session: %1").replace("%1", str(exc))
