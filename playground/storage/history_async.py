"""`History` for coroutines: every call runs on ONE dedicated worker thread, so calls stay
in order and SQLite never sees two threads at once; the UI thread never waits on the disk."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from playground.model.types import ApiFailure, ImageInput, MessageStatus, Usage
from playground.storage import branches
from playground.storage.history import NEW_CHAT_TITLE, Conversation, History, StoredMessage
from playground.storage.paths import StorageUnavailable, database_path
from playground.storage.search import SearchHit

_T = TypeVar("_T")


class AsyncHistory:
    """`History` for coroutines: every call runs on ONE dedicated worker thread."""

    def __init__(self, history: History, executor: ThreadPoolExecutor | None = None) -> None:
        self.history = history
        self._executor = executor or ThreadPoolExecutor(1, thread_name_prefix="history")

    @classmethod
    async def open(cls, path: Path | None) -> AsyncHistory:
        """Open (and migrate) on the worker thread; raises StorageUnavailable."""
        executor = ThreadPoolExecutor(1, thread_name_prefix="history")
        try:
            history = await _on(executor, History, path)
        except BaseException:
            executor.shutdown(wait=False)
            raise
        return cls(history, executor)

    @classmethod
    async def open_default(cls) -> tuple[AsyncHistory, StorageUnavailable | None]:
        """The history in the data folder, or, when that is unusable, an in-memory one and
        the reason (for the app to tell the user that this session will not be saved)."""

        def open_either() -> tuple[History, StorageUnavailable | None]:
            try:
                return History(database_path()), None
            except StorageUnavailable as exc:
                return History(None), exc

        executor = ThreadPoolExecutor(1, thread_name_prefix="history")
        history, problem = await _on(executor, open_either)
        return cls(history, executor), problem

    async def close(self) -> None:
        await self._run(self.history.close)
        self._executor.shutdown(wait=False)

    async def create_conversation(
        self, title: str = NEW_CHAT_TITLE, *, model: str = "", system_prompt: str = "",
        params: dict[str, Any] | None = None,
    ) -> Conversation:
        return await self._run(self.history.create_conversation, title, model=model,
                               system_prompt=system_prompt, params=params)

    async def get_conversation(self, conversation_id: int) -> Conversation | None:
        return await self._run(self.history.get_conversation, conversation_id)

    async def rename_conversation(self, conversation_id: int, title: str) -> None:
        await self._run(self.history.rename_conversation, conversation_id, title)

    async def update_conversation(
        self, conversation_id: int, *, model: str | None = None,
        system_prompt: str | None = None, params: dict[str, Any] | None = None,
    ) -> None:
        await self._run(self.history.update_conversation, conversation_id, model=model,
                        system_prompt=system_prompt, params=params)

    async def delete_conversation(self, conversation_id: int) -> None:
        await self._run(self.history.delete_conversation, conversation_id)

    async def list_conversations(
        self, limit: int | None = None, offset: int = 0
    ) -> list[Conversation]:
        return await self._run(self.history.list_conversations, limit, offset)

    async def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        return await self._run(self.history.search, query, limit)

    async def add_message(
        self, conversation_id: int, role: str, content: str = "", *,
        status: MessageStatus = MessageStatus.COMPLETE, images: Sequence[ImageInput] = (),
        model: str = "", usage: Usage | None = None, request_id: str | None = None,
        meta: dict[str, Any] | None = None,
    ) -> StoredMessage:
        return await self._run(self.history.add_message, conversation_id, role, content,
                               status=status, images=images, model=model, usage=usage,
                               request_id=request_id, meta=meta)

    async def update_message_content(
        self, message_id: int, content: str, status: MessageStatus = MessageStatus.STREAMING,
        *, usage: Usage | None = None, request_id: str | None = None,
        meta: dict[str, Any] | None = None,
    ) -> None:
        await self._run(self.history.update_message_content, message_id, content, status,
                        usage=usage, request_id=request_id, meta=meta)

    async def set_message_error(self, message_id: int, failure: ApiFailure,
                                status: MessageStatus = MessageStatus.ERROR) -> None:
        await self._run(self.history.set_message_error, message_id, failure, status)

    async def truncate_after(self, conversation_id: int, position: int) -> int:
        return await self._run(self.history.truncate_after, conversation_id, position)

    async def archive_from(self, conversation_id: int, position: int) -> int | None:
        return await self._run(self.history.archive_from, conversation_id, position)

    async def switch_branch(self, conversation_id: int, branch_id: int) -> None:
        await self._run(self.history.switch_branch, conversation_id, branch_id)

    async def alternatives(self, conversation_id: int) -> dict[int, list[branches.Alternative]]:
        return await self._run(self.history.alternatives, conversation_id)

    async def get_message(self, message_id: int) -> StoredMessage | None:
        return await self._run(self.history.get_message, message_id)

    async def load_messages(
        self, conversation_id: int, limit: int | None = None,
        before_position: int | None = None,
    ) -> list[StoredMessage]:
        return await self._run(self.history.load_messages, conversation_id, limit,
                               before_position)

    async def count_messages(self, conversation_id: int) -> int:
        return await self._run(self.history.count_messages, conversation_id)

    async def _run(self, fn: Callable[..., _T], *args: Any, **kwargs: Any) -> _T:
        return await _on(self._executor, fn, *args, **kwargs)


async def _on(
    executor: ThreadPoolExecutor, fn: Callable[..., _T], *args: Any, **kwargs: Any
) -> _T:
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(executor, functools.partial(fn, *args, **kwargs))
