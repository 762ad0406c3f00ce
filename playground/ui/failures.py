"""ApiFailure -> what the user reads: a translated title, the server's detail, and actions.

Every way a reply can end short is phrased here, so a failure looks the same live and when
its conversation is reopened, and Continue always comes before Retry.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication

from playground.model.types import ApiFailure, FailureKind

INFO, WARNING, ERROR = "info", "warning", "error"  # severities: how the box is tinted


def _tr(text: str) -> str:
    return QCoreApplication.translate("Failures", text)


@dataclass(frozen=True)
class FailureView:
    title: str
    detail: str
    actions: list[tuple[str, str]]  # (action id, button label)
    severity: str = ERROR  # INFO | WARNING | ERROR
    raw: str = ""  # the server's body as sent, behind "Details"
    request_id: str | None = field(default=None)


def _retry_actions(partial: bool) -> list[tuple[str, str]]:
    """Continue (only when part of the reply arrived), then Retry: always in this order."""
    actions = [("continue", _tr("Continue"))] if partial else []
    return [*actions, ("retry", _tr("Retry"))]


def _titles() -> dict[FailureKind, str]:
    return {
        FailureKind.AUTH: _tr("The API key was rejected (401). Check or replace the key."),
        FailureKind.PERMISSION: _tr(
            "Access denied (403): this key, organization or region may not use this."),
        FailureKind.NOT_FOUND: _tr(
            "Not found (404): the model does not exist here or the server lacks this endpoint."),
        FailureKind.BAD_REQUEST: _tr("The server rejected the request as invalid."),
        FailureKind.CONTEXT_LENGTH: _tr(
            "The conversation is longer than this model's context window. Start a new "
            "conversation, delete earlier messages, or pick a model with a larger window."),
        FailureKind.CONTENT_POLICY: _tr("The request was refused by the content policy."),
        FailureKind.TOO_LARGE: _tr("The request is too large for the server (413)."),
        FailureKind.RATE_LIMIT: _tr("Rate limited (429): too many requests or tokens per minute."),
        FailureKind.QUOTA: _tr(
            "Your quota is used up (429 insufficient_quota). Add credit to your account; "
            "retrying will not help."),
        FailureKind.SERVER: _tr("The server had an error."),
        FailureKind.TIMEOUT: _tr("The server did not answer in time."),
        FailureKind.NETWORK: _tr(
            "Cannot reach the server. Check your network connection and the profile's base URL."),
        FailureKind.PROXY: _tr("The proxy failed. Check the proxy address in the profile."),
        FailureKind.INTERRUPTED: _tr(
            "The reply was cut off mid-way; what arrived is kept."),
        FailureKind.UNSUPPORTED: _tr("This server does not support that feature."),
        FailureKind.UNKNOWN: _tr("Something went wrong."),
    }


def describe(failure: ApiFailure, *, partial: bool = False) -> FailureView:
    """partial: some of the reply already arrived (offer Continue as well as Retry)."""
    k = failure.kind
    titles = _titles()
    title = titles.get(k, titles[FailureKind.UNKNOWN])
    if k == FailureKind.INTERRUPTED and not partial:
        title = _tr("The reply was cut off before any text arrived.")
    retry = _retry_actions(partial)
    actions: list[tuple[str, str]]
    if k == FailureKind.AUTH:
        actions = [("key", _tr("Enter API key…")), *retry]
    elif k == FailureKind.QUOTA:
        actions = [("billing", _tr("Open billing page")), *retry]
    elif k in (FailureKind.PROXY, FailureKind.NETWORK, FailureKind.NOT_FOUND,
               FailureKind.PERMISSION):
        actions = [("profile", _tr("Edit profile…")), *retry]
    else:
        actions = retry
    severity = WARNING if k in (FailureKind.INTERRUPTED, FailureKind.RATE_LIMIT) else ERROR
    return FailureView(title, failure.message, actions, severity, failure.raw,
                       failure.request_id)


def stopped_view(*, partial: bool, request_id: str | None = None) -> FailureView:
    """The user pressed Stop: a neutral note, not an error."""
    return FailureView(_tr("Stopped by you."), "", _retry_actions(partial), INFO,
                       request_id=request_id)


def interrupted_view(failure: ApiFailure | None = None, *,
                     request_id: str | None = None) -> FailureView:
    """A stored reply that ended part-way (the app stopped, or the stream was cut)."""
    return FailureView(_tr("This reply was interrupted; what arrived is kept."),
                       failure.message if failure else "", _retry_actions(True), WARNING,
                       failure.raw if failure else "",
                       (failure.request_id if failure else None) or request_id)
