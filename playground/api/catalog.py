"""The server's model list (GET /models), and the key check that rides on it."""

from __future__ import annotations

from typing import Any

import openai
from openai.types import Model

from playground.api.client import ApiClient
from playground.api.errors import to_failure
from playground.model.capabilities import sort_chat_first
from playground.model.types import ApiFailure, FailureKind, ModelListing

# How servers without a model list answer GET /models.
_NO_MODEL_LIST = (404, 405, 501)
NO_MODEL_LIST_MESSAGE = "This server does not list its models; type a model name."


async def list_models(client: ApiClient) -> list[ModelListing]:
    """The server's models, chat models first, each with its announced shutdown date (and
    its context window where the server tells it). Raises ApiFailure (UNSUPPORTED: no
    /models here)."""
    try:
        page = await client.sdk.models.list()
        items = [model async for model in page]
    except openai.APIStatusError as exc:
        if exc.status_code in _NO_MODEL_LIST:
            raise ApiFailure(
                FailureKind.UNSUPPORTED, NO_MODEL_LIST_MESSAGE, request_id=exc.request_id,
                status=exc.status_code,
            ) from exc
        raise to_failure(exc) from exc
    except Exception as exc:
        raise to_failure(exc) from exc
    listings: dict[str, ModelListing] = {}
    for item in items:
        listings.setdefault(item.id, _listing(item))
    return [listings[i] for i in sort_chat_first(list(listings))]


def model_ids(listings: list[ModelListing]) -> list[str]:
    return [listing.id for listing in listings]


def _listing(item: Model) -> ModelListing:
    extra: dict[str, Any] = item.model_extra or {}
    shutdown = item.shutdown_date if isinstance(item.shutdown_date, str) else None
    window = extra.get("max_model_len")  # vLLM
    return ModelListing(
        id=item.id, shutdown_date=shutdown or None, owned_by=str(item.owned_by or ""),
        context_window=window if isinstance(window, int) and window > 0 else None,
    )


async def check_key(client: ApiClient) -> None:
    """Raises ApiFailure when the key or connection is bad; a server without /models is OK."""
    try:
        await list_models(client)
    except ApiFailure as failure:
        if failure.kind is not FailureKind.UNSUPPORTED:
            raise
