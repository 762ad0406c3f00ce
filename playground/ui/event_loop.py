"""What qasync leaves out of asyncio's loop contract, put back.

qasync's loop never installs asyncio's async-generator hooks (BaseEventLoop.run_forever
does; qasync runs Qt's own exec instead). Without them, an async generator dropped
mid-iteration (the SDK's HTTP stream when a server sends an error event) is finalised
outside the loop, where httpx cannot close it: "Exception ignored … unknown async
library". With them, the loop closes it as a task, as plain asyncio would.
"""

from __future__ import annotations

import asyncio
import sys


def install_asyncgen_hooks(loop: asyncio.AbstractEventLoop) -> None:
    """Call with the running qasync loop (once; later calls do the same again)."""
    base = loop if isinstance(loop, asyncio.BaseEventLoop) else None
    if base is not None:
        sys.set_asyncgen_hooks(firstiter=base._asyncgen_firstiter_hook,  # type: ignore[attr-defined]
                               finalizer=base._asyncgen_finalizer_hook)  # type: ignore[attr-defined]
