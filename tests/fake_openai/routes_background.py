"""Background mode (`background=true`): POST /responses answers a queued response at once;
GET /responses/{id} (plain, or streamed from `starting_after`) sees it in_progress, then
finished after `ResponsesOptions.background_polls` retrieves (and `background_delay`
seconds); POST /responses/{id}/cancel cancels it. Bodies are the SDK's own `Response`.

`background_end`: "completed" (default), "failed" (with `failed` as the server's reason) or
"cancelled" (the server cancelled it). Runs live in `server.state["background_runs"]`.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

from openai.types.responses import Response

from tests.fake_openai.server import Exchange, route

ACTIVE = ("queued", "in_progress")


@dataclass
class Run:
    body: dict[str, Any]
    events: list[Any]  # the whole run as stream events; the last one carries the final response
    polls: int
    delay: float
    end: str  # completed | failed | cancelled
    created_at: float
    started: float
    status: str = "queued"
    retrieves: int = 0


def runs(ex: Exchange) -> dict[str, Run]:
    found: dict[str, Run] = ex.server.state.setdefault("background_runs", {})
    return found


def submit(ex: Exchange, body: dict[str, Any], events: list[Any], opts: Any) -> None:
    """A background create: the run is stored and answered as queued."""
    if body.get("store") is False:
        ex.send_error(400, "Background mode requires 'store' to be true.", param="store",
                      code="invalid_value")
        return
    final = events[-1].response
    run = Run(body, events, opts.background_polls, opts.background_delay,
              opts.background_end, final.created_at, time.monotonic())
    runs(ex)[final.id] = run
    ex.send_json(_dump(_current(final.id, run)))


def _current(rid: str, run: Run) -> Response:
    final: Response = run.events[-1].response
    if run.status in ACTIVE:
        response = final.model_copy(update={"status": run.status, "output": [], "usage": None,
                                            "error": None})
    elif run.status == "cancelled":
        response = final.model_copy(update={"status": "cancelled", "output": [],
                                            "usage": None})
    else:
        response = final
    return response.model_copy(update={"background": True, "created_at": run.created_at})


def _dump(response: Response) -> Any:
    return response.model_dump(mode="json", exclude_unset=True)


def _advance(run: Run) -> None:
    run.retrieves += 1
    if run.status not in ACTIVE:
        return
    due = run.retrieves >= run.polls and time.monotonic() - run.started >= run.delay
    if not due:
        run.status = "in_progress"
    elif run.end == "cancelled":
        run.status = "cancelled"
    else:
        run.status = str(run.events[-1].response.status)


def _found(ex: Exchange) -> tuple[str, Run | None]:
    rid = ex.params["response_id"]
    run = runs(ex).get(rid)
    if run is None:
        ex.send_error(404, f"Response with id '{rid}' not found.", param="response_id")
    return rid, run


@route("GET", "/responses/{response_id}")
def retrieve(ex: Exchange) -> None:
    rid, run = _found(ex)
    if run is None:
        return
    if ex.query.get("stream") != "true":
        _advance(run)
        ex.send_json(_dump(_current(rid, run)))
        return
    # Streamed: the run's events after `starting_after` (the run finishes meanwhile).
    while run.status in ACTIVE:
        _advance(run)
    after = int(ex.query.get("starting_after", -1))
    ex.start_chunked()
    for event in run.events:
        if event.sequence_number > after:
            payload = json.dumps(event.model_dump(mode="json", exclude_unset=True))
            ex.write_chunk(f"event: {event.type}\ndata: {payload}\n\n".encode())
    ex.end_chunked()


@route("POST", "/responses/{response_id}/cancel")
def cancel(ex: Exchange) -> None:
    rid, run = _found(ex)
    if run is None:
        return
    if run.status not in ACTIVE:
        ex.send_error(400, f"Cannot cancel a response with status '{run.status}'.",
                      param="response_id")
        return
    run.status = "cancelled"
    ex.send_json(_dump(_current(rid, run)))


