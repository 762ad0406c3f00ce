"""The server's model list (GET /models), and the key check that rides on it."""

from __future__ import annotations

import openai

from playground.api.client import ApiClient
from playground.api.errors import to_failure
from playground.model.capabilities import sort_chat_first
from playground.model.types import ApiFailure, FailureKind

# How servers without a model list answer GET /models.
_NO_MODEL_LIST = (404, 405, 501)
NO_MODEL_LIST_MESSAGE = "This server does not list its models; type a model name."


async def list_models(client: ApiClient) -> list[str]:
    """Model ids, chat models first. Raises ApiFailure (UNSUPPORTED: no /models here)."""
    try:
        page = await client.sdk.models.list()
        ids = [model.id async for model in page]
    except openai.APIStatusError as exc:
        if exc.status_code in _NO_MODEL_LIST:
            raise ApiFailure(
                FailureKind.UNSUPPORTED, NO_MODEL_LIST_MESSAGE, request_id=exc.request_id,
                status=exc.status_code,
            ) from exc
        raise to_failure(exc) from exc
    except Exception as exc:
        raise to_failure(exc) from exc
    return sort_chat_first(ids)


async def check_key(client: ApiClient) -> None:
    """Raises ApiFailure when the key or connection is bad; a server without /models is OK."""
    try:
        await list_models(client)
    except ApiFailure as failure:
        if failure.kind is not FailureKind.UNSUPPORTED:
            raise
