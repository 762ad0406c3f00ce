"""POST /responses (streamed or not) and /responses/input_tokens, with events built from the
openai SDK's own types (`openai.types.responses`) so they are what the SDK parses.

Options: `server.state["responses"] = ResponsesOptions(...)`. Default: a reasoning summary
for reasoning models when asked, the reply "Echo: <last user text>" one delta per word,
response.completed with usage. `missing=True` answers 404 (a server without the API).
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from openai.types.responses import (
    Response,
    ResponseCompletedEvent,
    ResponseContentPartAddedEvent,
    ResponseCreatedEvent,
    ResponseErrorEvent,
    ResponseFailedEvent,
    ResponseFunctionCallArgumentsDeltaEvent,
    ResponseFunctionCallArgumentsDoneEvent,
    ResponseFunctionToolCall,
    ResponseIncompleteEvent,
    ResponseInProgressEvent,
    ResponseOutputItemAddedEvent,
    ResponseOutputItemDoneEvent,
    ResponseOutputMessage,
    ResponseOutputText,
    ResponseReasoningItem,
    ResponseReasoningSummaryTextDeltaEvent,
    ResponseTextDeltaEvent,
    ResponseTextDoneEvent,
)
from openai.types.responses.response_output_text_annotation_added_event import (
    AnnotationURLCitation,
    ResponseOutputTextAnnotationAddedEvent,
)
from openai.types.responses.response_text_delta_event import Logprob, LogprobTopLogprob
from openai.types.responses.response_usage import (
    InputTokensDetails,
    OutputTokensDetails,
    ResponseUsage,
)

from tests.fake_openai.file_search_events import (
    citation_of,
    file_search_tool,
    missing_store,
    search_events,
)
from tests.fake_openai.routes_files import files_state
from tests.fake_openai.routes_tools import ToolRun, rejected, tool_events, tool_usage
from tests.fake_openai.server import Exchange, route

PATH = "/responses"


@dataclass
class Call:
    name: str
    arguments: str
    call_id: str = field(default_factory=lambda: f"call_{uuid.uuid4().hex[:12]}")


@dataclass
class ResponsesOptions:
    reply: str | None = None  # None: "Echo: <last user text>"
    summary: str | None = None  # the reasoning summary streamed first (when asked for)
    calls: list[Call] = field(default_factory=list)  # function calls instead of text
    citation: tuple[str, str] | None = None  # (url, title) cited over the whole reply
    incomplete: str | None = None  # "max_output_tokens" | "content_filter"
    failed: str | None = None  # response.failed with this message, after the text
    error_after: int | None = None  # an `error` event after this many text deltas
    missing: bool = False  # 404: this server has no Responses API
    delay: float = 0.0  # seconds after each event
    input_tokens: int = 20
    cached_tokens: int = 0
    reasoning_tokens: int = 0
    background_polls: int = 2  # background=true: retrieves before the run ends
    background_delay: float = 0.0  # ... and seconds (both must pass)
    background_end: str = "completed"  # completed | failed (reason: `failed`) | cancelled


def options(ex: Exchange) -> ResponsesOptions:
    value = ex.server.state.setdefault("responses", ResponsesOptions())
    if isinstance(value, list):  # a script: one per request, the last one repeats
        value = value.pop(0) if len(value) > 1 else value[0]
    if isinstance(value, dict):
        value = ex.server.state["responses"] = ResponsesOptions(**value)
    return value


def _last_user_text(body: dict[str, Any]) -> str:
    items = body.get("input")
    if isinstance(items, str):
        return items
    for item in reversed(items or []):
        if item.get("role") == "user":
            content = item.get("content")
            if isinstance(content, str):
                return content
            return " ".join(p.get("text", "") for p in content or [] if isinstance(p, dict))
    return ""


def _response(rid: str, body: dict[str, Any], status: str, output: list[Any],
              usage: ResponseUsage | None = None, **extra: Any) -> Response:
    return Response.model_construct(
        id=rid, object="response", created_at=time.time(), model=body.get("model", ""),
        status=status, output=output, parallel_tool_calls=True, tool_choice="auto", tools=[],
        usage=usage, service_tier="default", error=None, incomplete_details=None, **extra)


def _usage(opts: ResponsesOptions, output_tokens: int) -> ResponseUsage:
    return ResponseUsage(
        input_tokens=opts.input_tokens,
        input_tokens_details=InputTokensDetails(cached_tokens=opts.cached_tokens,
                                                cache_write_tokens=0),
        output_tokens=output_tokens + opts.reasoning_tokens,
        output_tokens_details=OutputTokensDetails(reasoning_tokens=opts.reasoning_tokens),
        total_tokens=opts.input_tokens + output_tokens + opts.reasoning_tokens)


def _events(body: dict[str, Any], opts: ResponsesOptions,
            ex: Exchange | None = None, files: Any = None) -> Iterator[Any]:
    rid = f"resp_{uuid.uuid4().hex[:20]}"
    seq = iter(range(1_000_000))
    reply = opts.reply if opts.reply is not None else "Echo: " + _last_user_text(body)
    run = ToolRun()
    yield ResponseCreatedEvent(type="response.created", sequence_number=next(seq),
                               response=_response(rid, body, "in_progress", []))
    yield ResponseInProgressEvent(type="response.in_progress", sequence_number=next(seq),
                                  response=_response(rid, body, "in_progress", []))
    output: list[Any] = []
    index = 0
    summary_asked = bool((body.get("reasoning") or {}).get("summary"))
    if opts.summary and summary_asked:
        reasoning = ResponseReasoningItem(id=f"rs_{rid}", type="reasoning", summary=[])
        yield ResponseOutputItemAddedEvent(type="response.output_item.added", item=reasoning,
                                           output_index=index, sequence_number=next(seq))
        for word in opts.summary.split(" "):
            yield ResponseReasoningSummaryTextDeltaEvent(
                type="response.reasoning_summary_text.delta", delta=word + " ",
                item_id=reasoning.id, output_index=index, summary_index=0,
                sequence_number=next(seq))
        output.append(reasoning)
        index += 1
    searched = None  # the file search call item, when the request has the tool
    if files is not None and file_search_tool(body) is not None:
        for event in search_events(body, files, _last_user_text(body), index, seq, rid):
            yield event
        searched = event.item
        output.append(searched)
        index += 1
    if ex is not None:
        yield from tool_events(ex, body, rid, seq, index, run)
        output.extend(run.output)
        index += len(run.output)
    citations = [(*opts.citation, 0, len(reply))] if opts.citation else []
    for url, title in run.sources:  # each source cited by a numbered marker after the text
        marker = f" [{title}]"
        citations.append((url, title, len(reply) + 1, len(reply) + len(marker)))
        reply += marker
    pieces = [w + " " for w in reply.split(" ")]
    pieces[-1] = pieces[-1][:-1]
    for call in opts.calls:
        item = ResponseFunctionToolCall(type="function_call", id=f"fc_{call.call_id}",
                                        call_id=call.call_id, name=call.name, arguments="",
                                        status="in_progress")
        yield ResponseOutputItemAddedEvent(type="response.output_item.added", item=item,
                                           output_index=index, sequence_number=next(seq))
        half = len(call.arguments) // 2
        for fragment in (call.arguments[:half], call.arguments[half:]):
            yield ResponseFunctionCallArgumentsDeltaEvent(
                type="response.function_call_arguments.delta", delta=fragment, item_id=item.id,
                output_index=index, sequence_number=next(seq))
        yield ResponseFunctionCallArgumentsDoneEvent(
            type="response.function_call_arguments.done", arguments=call.arguments,
            item_id=item.id, name=call.name, output_index=index, sequence_number=next(seq))
        output.append(item.model_copy(update={"arguments": call.arguments,
                                              "status": "completed"}))
        index += 1
    if not opts.calls and run.text:
        message_id = f"msg_{rid}"
        message = ResponseOutputMessage(id=message_id, type="message", role="assistant",
                                        status="in_progress", content=[])
        yield ResponseOutputItemAddedEvent(type="response.output_item.added", item=message,
                                           output_index=index, sequence_number=next(seq))
        yield ResponseContentPartAddedEvent(
            type="response.content_part.added", item_id=message_id, output_index=index,
            content_index=0, sequence_number=next(seq),
            part=ResponseOutputText(type="output_text", text="", annotations=[]))
        with_logprobs = "message.output_text.logprobs" in (body.get("include") or [])
        for i, piece in enumerate(pieces):
            if opts.error_after is not None and i >= opts.error_after:
                yield ResponseErrorEvent(type="error", code="server_error",
                                         message="The model stopped with an error.",
                                         param=None, sequence_number=next(seq))
                return
            logprobs = [Logprob(token=piece, logprob=-0.1 * (i % 5), top_logprobs=[
                LogprobTopLogprob(token=piece.upper(), logprob=-2.5)][:body.get(
                    "top_logprobs") or 0])] if with_logprobs else []
            yield ResponseTextDeltaEvent(type="response.output_text.delta", delta=piece,
                                         item_id=message_id, output_index=index,
                                         content_index=0, logprobs=logprobs,
                                         sequence_number=next(seq))
        for n, (url, title, start, end) in enumerate(citations):
            yield ResponseOutputTextAnnotationAddedEvent(
                type="response.output_text.annotation.added", item_id=message_id,
                output_index=index, content_index=0, annotation_index=n,
                sequence_number=next(seq), annotation=AnnotationURLCitation(
                    type="url_citation", url=url, title=title, start_index=start,
                    end_index=end))
        if searched is not None and (cited := citation_of(searched, reply)) is not None:
            yield ResponseOutputTextAnnotationAddedEvent(
                type="response.output_text.annotation.added", item_id=message_id,
                output_index=index, content_index=0, annotation_index=0,
                sequence_number=next(seq), annotation=cited)
        yield ResponseTextDoneEvent(type="response.output_text.done", text=reply,
                                    item_id=message_id, output_index=index, content_index=0,
                                    logprobs=[], sequence_number=next(seq))
        from openai.types.responses.response_output_text import (
            AnnotationURLCitation as TextCitation,
        )

        done = message.model_copy(update={"status": "completed", "content": [
            ResponseOutputText(type="output_text", text=reply, annotations=[
                TextCitation(type="url_citation", url=url, title=title, start_index=start,
                             end_index=end) for url, title, start, end in citations])]})
        yield ResponseOutputItemDoneEvent(type="response.output_item.done", item=done,
                                          output_index=index, sequence_number=next(seq))
        output.append(done)
    usage = _usage(opts, len(pieces))
    if opts.failed:
        from openai.types.responses.response_error import ResponseError

        yield ResponseFailedEvent(type="response.failed", sequence_number=next(seq),
                                  response=_response(rid, body, "failed", output).model_copy(
                                      update={"error": ResponseError(
                                          code="server_error", message=opts.failed)}))
    elif opts.incomplete:
        from openai.types.responses.response import IncompleteDetails

        yield ResponseIncompleteEvent(
            type="response.incomplete", sequence_number=next(seq),
            response=_response(rid, body, "incomplete", output, usage).model_copy(
                update={"incomplete_details": IncompleteDetails(reason=opts.incomplete)}))
    else:
        extra = {"tool_usage": tool_usage(run)} if ex is not None and run.output else {}
        yield ResponseCompletedEvent(type="response.completed", sequence_number=next(seq),
                                     response=_response(rid, body, "completed", output, usage,
                                                        **extra))


_SAMPLING = ("temperature", "top_p")


@route("POST", PATH)
def responses(ex: Exchange) -> None:
    opts = options(ex)
    if opts.missing:
        ex.send_error(404, f"Unknown request URL: POST {ex.raw_path}")
        return
    body = ex.json() or {}
    if not body.get("model") or "input" not in body:
        ex.send_error(400, "Missing required parameter: 'model' or 'input'.",
                      param="model", code="missing_required_parameter")
        return
    reasoning = str(body["model"]).startswith(("o", "gpt-5", "gpt-6"))
    for name in _SAMPLING:
        if reasoning and name in body:
            ex.send_error(400, f"Unsupported parameter: '{name}' is not supported with this "
                          "model.", param=name, code="unsupported_parameter")
            return
    if rejected(ex, body):
        return
    files = files_state(ex)
    if (missing := missing_store(body, files)) is not None:
        ex.send_error(400, f"Vector store with id '{missing}' not found.",
                      param="tools[0].vector_store_ids")
        return
    events = list(_events(body, opts, ex, files))
    if body.get("background") and not body.get("stream"):
        from tests.fake_openai.routes_background import submit

        submit(ex, body, events, opts)
        return
    if not body.get("stream"):
        final = events[-1]
        ex.send_json(final.response.model_dump(mode="json", exclude_unset=True))
        return
    ex.start_chunked()
    for event in events:
        payload = json.dumps(event.model_dump(mode="json", exclude_unset=True))
        ex.write_chunk(f"event: {event.type}\ndata: {payload}\n\n".encode())
        if opts.delay:
            time.sleep(opts.delay)
    ex.end_chunked()


@route("POST", "/responses/input_tokens")
def input_tokens(ex: Exchange) -> None:
    body = ex.json() or {}
    words = len(json.dumps(body.get("input", "")).split()) + len(
        str(body.get("instructions") or "").split())
    words = ex.server.state.get("input_tokens_count", words)  # a test's chosen figure
    ex.send_json({"object": "response.input_tokens", "input_tokens": words})
