"""When the walkie-talkie is offered: only for a server without the Realtime API."""

from __future__ import annotations

from playground.model.types import ApiFailure, FailureKind
from playground.services.voice_fallback import is_missing_realtime


def test_a_missing_realtime_endpoint_offers_the_walkie_talkie():
    missing = ApiFailure(FailureKind.NOT_FOUND, "This server has no GET /v1/realtime "
                         "(Unknown request URL).", status=404, code="unknown_url")
    refused = ApiFailure(FailureKind.UNSUPPORTED, "The server did not accept a realtime "
                         "connection.")
    assert is_missing_realtime(missing) and is_missing_realtime(refused)


def test_an_unknown_model_or_a_wrong_key_does_not():
    unknown = ApiFailure(FailureKind.NOT_FOUND, "The model `x` does not exist.",
                         code="model_not_found")
    key = ApiFailure(FailureKind.AUTH, "Incorrect API key provided.", status=401)
    assert not is_missing_realtime(unknown) and not is_missing_realtime(key)
