"""ApiFailure -> what the user reads: a translated title, the server's detail, and actions."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from playground.model.types import ApiFailure, FailureKind


def _tr(text: str) -> str:
    return QCoreApplication.translate("Failures", text)


@dataclass(frozen=True)
class FailureView:
    title: str
    detail: str
    actions: list[tuple[str, str]]  # (action id, button label)


def describe(failure: ApiFailure, *, partial: bool = False) -> FailureView:
    """partial: some of the reply already arrived (offer Continue as well as Retry)."""
    k = failure.kind
    retry = [("retry", _tr("Retry"))]
    if partial:
        retry.append(("continue", _tr("Continue")))
    titles: dict[FailureKind, str] = {
        FailureKind.AUTH: _tr("The API key was rejected (401). Check or replace the key."),
        FailureKind.PERMISSION: _tr(
            "Access denied (403): this key, organization or region may not use this."),
        FailureKind.NOT_FOUND: _tr(
            "Not found (404): the model does not exist here or the server lacks this endpoint."),
        FailureKind.BAD_REQUEST: _tr("The request was rejected (400)."),
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
    return FailureView(titles.get(k, titles[FailureKind.UNKNOWN]), failure.message, actions)
