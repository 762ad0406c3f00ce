"""`PromptLibrary`: the prompt library for coroutines, widget-free.

Every store call, and every file read or write for import/export, runs on ONE worker thread,
so calls stay in order, SQLite never sees two threads at once and the Qt thread never waits on
the disk. `changed` announces which prompt was added, saved, rolled back or deleted, so every
open view refreshes the same way however the change was made.
"""

from __future__ import annotations

import asyncio
import functools
import sqlite3
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from playground.model.prompts import Prompt, PromptContent, PromptVersion
from playground.services.observer import Emitter
from playground.storage.paths import StorageUnavailable, database_path
from playground.storage.prompt_io import ImportedPrompt, ImportProblem, export_json, parse_import
from playground.storage.prompts import PromptHit, PromptLibraryError, PromptStore

_T = TypeVar("_T")


@dataclass(frozen=True)
class ImportPlan:
    """A parsed file, not yet stored: the prompts in it and the stored prompts sharing a
    name with one of them (the view asks whether to add versions to those or keep copies)."""

    path: Path
    prompts: list[ImportedPrompt]
    conflicts: list[Prompt]


class PromptLibrary:
    def __init__(self, store: PromptStore, executor: ThreadPoolExecutor | None = None) -> None:
        self.store = store
        self._executor = executor or ThreadPoolExecutor(1, thread_name_prefix="prompts")
        self.changed: Emitter[[int]] = Emitter()  # prompt id (also for a deleted prompt)

    @classmethod
    async def open(cls, path: Path | None) -> PromptLibrary:
        """Open (and migrate) on the worker thread; raises StorageUnavailable."""
        executor = ThreadPoolExecutor(1, thread_name_prefix="prompts")
        try:
            store = await _on(executor, PromptStore, path)
        except BaseException:
            executor.shutdown(wait=False)
            raise
        return cls(store, executor)

    @classmethod
    async def open_default(cls) -> PromptLibrary:
        """The library in the app's database; raises StorageUnavailable."""
        return await cls.open(await asyncio.to_thread(database_path))

    async def close(self) -> None:
        await self._run(self.store.close)
        self._executor.shutdown(wait=False)

    # ---- reading ------------------------------------------------------------------------

    async def search(self, query: str = "") -> list[PromptHit]:
        """Every prompt ("" query) or those matching, most recently saved first."""
        return await self._run(self.store.search, query)

    async def get(self, prompt_id: int) -> Prompt | None:
        return await self._run(self.store.get, prompt_id)

    async def find(self, name: str) -> Prompt | None:
        return await self._run(self.store.find, name)

    async def versions(self, prompt_id: int) -> list[PromptVersion]:
        return await self._run(self.store.versions, prompt_id)

    async def version(self, prompt_id: int, number: int | None = None) -> PromptVersion:
        return await self._run(self.store.version, prompt_id, number)

    async def diff(self, prompt_id: int, old: int, new: int) -> str:
        return await self._run(self.store.diff, prompt_id, old, new)

    # ---- changing -----------------------------------------------------------------------

    async def create(self, name: str, content: PromptContent, note: str = "") -> PromptVersion:
        """Raises EmptyName or DuplicateName (with the existing prompt)."""
        version = await self._run(self.store.create, name, content, note)
        self.changed.emit(version.prompt_id)
        return version

    async def save_version(self, prompt_id: int, content: PromptContent,
                           note: str) -> PromptVersion:
        version = await self._run(self.store.save_version, prompt_id, content, note)
        self.changed.emit(prompt_id)
        return version

    async def roll_back(self, prompt_id: int, number: int) -> PromptVersion:
        version = await self._run(self.store.roll_back, prompt_id, number)
        self.changed.emit(prompt_id)
        return version

    async def delete(self, prompt_id: int) -> None:
        await self._run(self.store.delete, prompt_id)
        self.changed.emit(prompt_id)

    # ---- files --------------------------------------------------------------------------

    async def read_import(self, path: Path) -> ImportPlan:
        """Parse a file (nothing is stored yet); raises ImportProblem saying what is wrong."""

        def read() -> ImportPlan:
            try:
                text = path.read_text(encoding="utf-8-sig")
            except UnicodeDecodeError as exc:
                raise ImportProblem(f"{path.name} is not UTF-8 text (byte {exc.start} cannot "
                                    "be read), so it cannot be a JSON prompt file.") from exc
            except OSError as exc:
                raise ImportProblem(f"Could not read {path}: {exc.strerror or exc}.") from exc
            prompts = parse_import(text, path.stem or "Imported prompt")
            return ImportPlan(path, prompts, self.store.conflicts(prompts))

        return await self._run(read)

    async def import_plan(self, plan: ImportPlan, *, into_existing: bool) -> list[Prompt]:
        stored = await self._run(self.store.add_imported, plan.prompts,
                                 into_existing=into_existing)
        for prompt in stored:
            self.changed.emit(prompt.id)
        return stored

    async def export(self, path: Path, prompt_ids: Sequence[int]) -> int:
        """Write the prompts with all their versions to `path`; returns how many.
        Written to a temporary file first, so a failed export never leaves half a file."""

        def write() -> int:
            chosen = [(p, self.store.versions(p.id))
                      for p in (self.store.get(i) for i in prompt_ids) if p is not None]
            partial = path.with_name(path.name + ".part")
            try:
                partial.write_text(export_json(chosen), encoding="utf-8")
                partial.replace(path)
            except OSError as exc:
                partial.unlink(missing_ok=True)
                raise PromptLibraryError(
                    f"Could not write {path}: {exc.strerror or exc}.") from exc
            return len(chosen)

        return await self._run(write)

    async def _run(self, fn: Callable[..., _T], *args: Any, **kwargs: Any) -> _T:
        try:
            return await _on(self._executor, fn, *args, **kwargs)
        except sqlite3.Error as exc:
            # A disk or lock problem: say so in words, keep the detail for the toggle.
            raise PromptLibraryError(f"The prompt library could not be used: {exc}.") from exc


async def _on(executor: ThreadPoolExecutor, fn: Callable[..., _T], *args: Any,
              **kwargs: Any) -> _T:
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(executor, functools.partial(fn, *args, **kwargs))


__all__ = ["ImportPlan", "PromptLibrary", "PromptLibraryError", "StorageUnavailable"]
