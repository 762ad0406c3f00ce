"""The conversation list (recent or searched), renaming and export: history for the side list."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playground.storage.history_async import AsyncHistory

ListItem = tuple[int, str, str]  # (conversation id, title, snippet or last-updated time)


async def list_items(history: AsyncHistory, query: str = "") -> list[ListItem]:
    if query.strip():
        hits = await history.search(query.strip())
        return [(h.conversation_id, h.title, h.snippet) for h in hits]
    rows = await history.list_conversations()
    return [(c.id, c.title, time.strftime("%Y-%m-%d %H:%M", time.localtime(c.updated_at)))
            for c in rows]


async def export(history: AsyncHistory, conversation_id: int, fmt: str, path: str) -> bool:
    """Write the conversation as Markdown or JSON; False when it no longer exists.
    Raises OSError when the file cannot be written."""
    import asyncio  # here, not at the top: the window paints before asyncio loads

    from playground.storage import export as formats

    conversation = await history.get_conversation(conversation_id)
    if conversation is None:
        return False
    messages = await history.load_messages(conversation_id)
    text = (formats.to_markdown if fmt == "markdown" else formats.to_json)(
        conversation, messages)
    await asyncio.to_thread(Path(path).write_text, text, encoding="utf-8")
    return True
