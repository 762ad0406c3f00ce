"""PromptLibrary: the store off the event loop's thread, change events, files, problems."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from playground.model.prompts import PromptContent, PromptMessage, PromptVersion
from playground.services.prompt_library import PromptLibrary
from playground.storage.prompt_io import ImportProblem
from playground.storage.prompts import DuplicateName, PromptLibraryError


def run(tmp_path: Path, body: Callable[[PromptLibrary], Awaitable[None]]) -> None:
    async def main() -> None:
        library = await PromptLibrary.open(tmp_path / "db.sqlite3")
        try:
            await body(library)
        finally:
            await library.close()

    asyncio.run(main())


def test_store_calls_run_off_the_loop_thread_and_changes_are_announced(
        tmp_path: Path) -> None:
    async def body(library: PromptLibrary) -> None:
        threads: list[str] = []
        real = library.store.save_version

        def spy(*args: Any, **kwargs: Any) -> PromptVersion:
            threads.append(threading.current_thread().name)
            return real(*args, **kwargs)

        library.store.save_version = spy  # type: ignore[method-assign]
        changed: list[int] = []
        library.changed.connect(changed.append)
        first = await library.create("翻译", PromptContent("Translate {{text}}"), "v1")
        await library.save_version(first.prompt_id, PromptContent("Translate: {{text}}"), "v2")
        back = await library.roll_back(first.prompt_id, 1)
        assert back.note == "Rolled back to v1"
        assert "+++ v3" in await library.diff(first.prompt_id, 2, 3)
        hits = await library.search("翻译")
        assert [h.prompt.latest for h in hits] == [3]
        await library.delete(first.prompt_id)
        assert changed == [first.prompt_id] * 4
        assert threads and threads[0] != threading.current_thread().name
        assert threads[0].startswith("prompts")

    run(tmp_path, body)


def test_duplicate_names_come_back_with_the_existing_prompt(tmp_path: Path) -> None:
    async def body(library: PromptLibrary) -> None:
        first = await library.create("Name", PromptContent("a"))
        with pytest.raises(DuplicateName) as caught:
            await library.create("name", PromptContent("b"))
        assert caught.value.existing.id == first.prompt_id

    run(tmp_path, body)


def test_export_then_import_a_file_round_trips(tmp_path: Path) -> None:
    target = tmp_path / "out" / "prompts.json"
    target.parent.mkdir()

    async def body(library: PromptLibrary) -> None:
        saved = await library.create("客服", PromptContent(
            "你好 {{name}}", (PromptMessage("user", "hi"),)), "first")
        await library.save_version(saved.prompt_id, PromptContent("second"), "second")
        assert await library.export(target, [saved.prompt_id]) == 1
        assert not target.with_name("prompts.json.part").exists()
        plan = await library.read_import(target)
        assert [p.id for p in plan.conflicts] == [saved.prompt_id]
        [copy] = await library.import_plan(plan, into_existing=False)
        assert copy.name == "客服 (imported)"
        versions = await library.versions(copy.id)
        assert [(v.number, v.note) for v in versions] == [(2, "second"), (1, "first")]
        assert versions[1].content.instructions == "你好 {{name}}"

    run(tmp_path, body)


def test_unreadable_files_and_failed_writes_are_clear_problems(tmp_path: Path) -> None:
    latin = tmp_path / "latin.json"
    latin.write_bytes(b'{"name": "caf\xe9"}')
    broken = tmp_path / "broken.json"
    broken.write_text('{"model": "m", "input": "x",}', encoding="utf-8")

    async def body(library: PromptLibrary) -> None:
        with pytest.raises(ImportProblem, match=r"latin\.json is not UTF-8 text"):
            await library.read_import(latin)
        with pytest.raises(ImportProblem, match=r"line 1, column 29"):
            await library.read_import(broken)
        with pytest.raises(ImportProblem, match=r"Could not read .*missing\.json"):
            await library.read_import(tmp_path / "missing.json")
        saved = await library.create("p", PromptContent("x"))
        with pytest.raises(PromptLibraryError, match=r"Could not write .*nowhere"):
            await library.export(tmp_path / "nowhere" / "p.json", [saved.prompt_id])

    run(tmp_path, body)


def test_an_import_with_a_bom_from_windows_editors_is_read(tmp_path: Path) -> None:
    path = tmp_path / "notepad.json"
    path.write_bytes("\ufeff".encode() + json.dumps({"model": "m", "input": "hi"}).encode())

    async def body(library: PromptLibrary) -> None:
        plan = await library.read_import(path)
        assert [p.name for p in plan.prompts] == ["notepad"]

    run(tmp_path, body)
