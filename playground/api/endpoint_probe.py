"""Was a connection reset really a missing endpoint? Ask again with an empty body.

A server without the endpoint may answer 404 before reading a large request (images, audio)
and close; the kernel then resets the connection and the client never sees the 404.
"""

from __future__ import annotations

import openai

from playground.api.client import ApiClient
from playground.api.errors import to_failure
from playground.model.types import ApiFailure, FailureKind

_MISSING = (404, 405)


def reset_while_sending(exc: BaseException) -> bool:
    """A connection that was made, then reset or closed under the upload."""
    if not isinstance(exc, openai.APIConnectionError) or isinstance(exc, openai.APITimeoutError):
        return False
    chain: list[BaseException] = []
    cur: BaseException | None = exc
    while cur is not None and len(chain) < 20:
        chain.append(cur)
        cur = cur.__cause__ or cur.__context__
    if any(type(c).__name__ == "ConnectError" for c in chain):
        return False
    return any(isinstance(c, (BrokenPipeError, ConnectionResetError)) for c in chain)


async def missing_endpoint(client: ApiClient, path: str) -> ApiFailure | None:
    """NOT_FOUND if POST `path` with `{}` gets 404/405; None otherwise (or if that fails)."""
    try:
        await client.sdk.post(path, body={}, cast_to=object)
    except openai.APIStatusError as exc:
        if exc.status_code in _MISSING:
            failure = to_failure(exc)
            failure.kind = FailureKind.NOT_FOUND
            return failure
    except Exception:
        return None  # the probe is a guess; the original failure stands
    return None
