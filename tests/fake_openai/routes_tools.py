"""Hosted tools in POST /responses: when a request carries web_search, code_interpreter,
image_generation or mcp tools, routes_responses streams their event sequences (built from
the SDK's own types) before the reply's message, as the real API does.

Options: `server.state["tools"] = ToolOptions(...)`. Faults: a model in
`unsupported_models` answers 400 like the real API ("Hosted tool 'web_search' is not
supported with gpt-4.1-nano."); `mcp_unreachable` makes mcp_list_tools fail;
`mcp_call_error` ends the mcp_call failed with an HTTP error (the server went away).
"""

from __future__ import annotations

import base64
import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from openai.types.responses import (
    ResponseCodeInterpreterCallCodeDeltaEvent,
    ResponseCodeInterpreterCallCodeDoneEvent,
    ResponseCodeInterpreterCallCompletedEvent,
    ResponseCodeInterpreterCallInProgressEvent,
    ResponseCodeInterpreterCallInterpretingEvent,
    ResponseCodeInterpreterToolCall,
    ResponseFunctionWebSearch,
    ResponseImageGenCallCompletedEvent,
    ResponseImageGenCallGeneratingEvent,
    ResponseImageGenCallInProgressEvent,
    ResponseImageGenCallPartialImageEvent,
    ResponseMcpCallArgumentsDeltaEvent,
    ResponseMcpCallArgumentsDoneEvent,
    ResponseMcpCallCompletedEvent,
    ResponseMcpCallFailedEvent,
    ResponseMcpCallInProgressEvent,
    ResponseMcpListToolsCompletedEvent,
    ResponseMcpListToolsFailedEvent,
    ResponseMcpListToolsInProgressEvent,
    ResponseOutputItemAddedEvent,
    ResponseOutputItemDoneEvent,
    ResponseWebSearchCallCompletedEvent,
    ResponseWebSearchCallInProgressEvent,
    ResponseWebSearchCallSearchingEvent,
)
from openai.types.responses.response import ToolUsage, ToolUsageImageGen, ToolUsageWebSearch
from openai.types.responses.response_code_interpreter_tool_call import OutputImage, OutputLogs
from openai.types.responses.response_function_web_search import ActionSearch, ActionSearchSource
from openai.types.responses.response_output_item import (
    ImageGenerationCall,
    McpApprovalRequest,
    McpCall,
    McpListTools,
    McpListToolsTool,
)

from tests.fake_openai.server import Exchange

HOSTED = ("web_search", "web_search_preview", "code_interpreter", "image_generation", "mcp")


@dataclass
class ToolOptions:
    unsupported_models: tuple[str, ...] = ("gpt-4.1-nano",)
    sources: int = 2  # web search sources, each cited once in the reply
    code: str = "import math\nprint(math.pi)\n"
    logs: str = "3.141592653589793\n"
    code_image: bool = True  # the code made a chart (an image file reference)
    partial_images: int | None = None  # None: as many as the request asks for
    mcp_tools: tuple[str, ...] = ("search_docs", "read_page")
    mcp_arguments: str = '{"query": "hosted tools"}'
    mcp_output: str = "Three pages mention hosted tools."
    mcp_unreachable: bool = False  # listing the server's tools fails
    mcp_call_error: str | None = None  # the call fails: the server stopped answering


def tool_options(ex: Exchange) -> ToolOptions:
    value = ex.server.state.setdefault("tools", ToolOptions())
    if isinstance(value, dict):
        value = ex.server.state["tools"] = ToolOptions(**value)
    return value


def hosted_tools(body: dict[str, Any]) -> list[dict[str, Any]]:
    return [t for t in body.get("tools") or [] if t.get("type") in HOSTED]


def rejected(ex: Exchange, body: dict[str, Any]) -> bool:
    """400 for a hosted tool the model does not take (sent like the real API)."""
    model = str(body.get("model", ""))
    tools = hosted_tools(body)
    if tools and model in tool_options(ex).unsupported_models:
        ex.send_error(400, f"Hosted tool '{tools[0]['type']}' is not supported with {model}.",
                      param="tools")
        return True
    return False


def tiny_png(shade: int = 128) -> str:
    """A valid 8x8 grey PNG, base64 (what partial and final images carry)."""
    raw = b"".join(b"\x00" + bytes([shade]) * 8 for _ in range(8))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 0, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    return base64.b64encode(png).decode()


@dataclass
class ToolRun:
    """What the tools left for the reply: output items, citations, whether text follows."""

    output: list[Any] = field(default_factory=list)
    sources: list[tuple[str, str]] = field(default_factory=list)  # (url, title) to cite
    text: bool = True  # False: the response ends waiting for an approval
    searches: int = 0
    image_tokens: int = 0


class _Seq:
    def __init__(self, seq: Iterator[int], start: int) -> None:
        self.seq = seq
        self.index = start

    def n(self) -> int:
        return next(self.seq)


def tool_events(ex: Exchange, body: dict[str, Any], rid: str, seq: Iterator[int], index: int,
                run: ToolRun) -> Iterator[Any]:
    """Every hosted tool's events, in the order the request lists them."""
    opts = tool_options(ex)
    s = _Seq(seq, index)
    answers = {i.get("approval_request_id"): bool(i.get("approve"))
               for i in body.get("input") or [] if isinstance(i, dict)
               and i.get("type") == "mcp_approval_response"}
    for n, tool in enumerate(hosted_tools(body)):
        kind = tool["type"]
        item_id = f"{kind[:4]}_{rid}_{n}"
        if kind.startswith("web_search"):
            yield from _web_search(s, item_id, opts, run)
        elif kind == "code_interpreter":
            yield from _code(s, item_id, opts, run)
        elif kind == "image_generation":
            yield from _image(s, item_id, tool, opts, run)
        else:
            yield from _mcp(s, item_id, tool, opts, run, answers)


def _added(s: _Seq, item: Any) -> ResponseOutputItemAddedEvent:
    return ResponseOutputItemAddedEvent(type="response.output_item.added", item=item,
                                        output_index=s.index, sequence_number=s.n())


def _done(s: _Seq, item: Any, run: ToolRun) -> ResponseOutputItemDoneEvent:
    run.output.append(item)
    event = ResponseOutputItemDoneEvent(type="response.output_item.done", item=item,
                                        output_index=s.index, sequence_number=s.n())
    s.index += 1
    return event


def _step(s: _Seq, cls: Any, kind: str, item_id: str, **extra: Any) -> Any:
    return cls(type=kind, item_id=item_id, output_index=s.index, sequence_number=s.n(), **extra)


def _web_search(s: _Seq, item_id: str, opts: ToolOptions, run: ToolRun) -> Iterator[Any]:
    sources = [(f"https://example.com/source/{i + 1}", f"Source {i + 1}")
               for i in range(opts.sources)]
    query = "hosted tools in the Responses API"
    item = ResponseFunctionWebSearch(id=item_id, type="web_search_call", status="in_progress",
                                     action=ActionSearch(type="search", query=query))
    yield _added(s, item)
    yield _step(s, ResponseWebSearchCallInProgressEvent, "response.web_search_call.in_progress",
                item_id)
    yield _step(s, ResponseWebSearchCallSearchingEvent, "response.web_search_call.searching",
                item_id)
    yield _step(s, ResponseWebSearchCallCompletedEvent, "response.web_search_call.completed",
                item_id)
    yield _done(s, item.model_copy(update={"status": "completed", "action": ActionSearch(
        type="search", query=query, sources=[ActionSearchSource(type="url", url=u)
                                             for u, _t in sources])}), run)
    run.sources.extend(sources)
    run.searches += 1


def _code(s: _Seq, item_id: str, opts: ToolOptions, run: ToolRun) -> Iterator[Any]:
    item = ResponseCodeInterpreterToolCall(id=item_id, type="code_interpreter_call",
                                           status="in_progress", code="", outputs=None,
                                           container_id="cntr_fake_1")
    yield _added(s, item)
    yield _step(s, ResponseCodeInterpreterCallInProgressEvent,
                "response.code_interpreter_call.in_progress", item_id)
    for line in opts.code.splitlines(keepends=True):
        yield _step(s, ResponseCodeInterpreterCallCodeDeltaEvent,
                    "response.code_interpreter_call_code.delta", item_id, delta=line)
    yield _step(s, ResponseCodeInterpreterCallCodeDoneEvent,
                "response.code_interpreter_call_code.done", item_id, code=opts.code)
    yield _step(s, ResponseCodeInterpreterCallInterpretingEvent,
                "response.code_interpreter_call.interpreting", item_id)
    yield _step(s, ResponseCodeInterpreterCallCompletedEvent,
                "response.code_interpreter_call.completed", item_id)
    outputs: list[Any] = [OutputLogs(type="logs", logs=opts.logs)]
    if opts.code_image:
        outputs.append(OutputImage(type="image", url="data:image/png;base64," + tiny_png(90)))
    yield _done(s, item.model_copy(update={"status": "completed", "code": opts.code,
                                           "outputs": outputs}), run)


def _image(s: _Seq, item_id: str, tool: dict[str, Any], opts: ToolOptions,
           run: ToolRun) -> Iterator[Any]:
    size, quality = tool.get("size", "1024x1024"), tool.get("quality", "medium")
    item = ImageGenerationCall(id=item_id, type="image_generation_call", status="in_progress")
    yield _added(s, item)
    yield _step(s, ResponseImageGenCallInProgressEvent,
                "response.image_generation_call.in_progress", item_id)
    yield _step(s, ResponseImageGenCallGeneratingEvent,
                "response.image_generation_call.generating", item_id)
    partials = opts.partial_images if opts.partial_images is not None \
        else int(tool.get("partial_images", 0))
    for i in range(partials):
        yield _step(s, ResponseImageGenCallPartialImageEvent,
                    "response.image_generation_call.partial_image", item_id,
                    partial_image_index=i, partial_image_b64=tiny_png(60 + 40 * i))
    yield _step(s, ResponseImageGenCallCompletedEvent,
                "response.image_generation_call.completed", item_id)
    yield _done(s, item.model_copy(update={
        "status": "completed", "result": tiny_png(220), "size": size, "quality": quality,
        "output_format": "png", "revised_prompt": "A grey square"}), run)
    run.image_tokens += 272


def _mcp(s: _Seq, item_id: str, tool: dict[str, Any], opts: ToolOptions, run: ToolRun,
         answers: dict[Any, bool]) -> Iterator[Any]:
    label = tool.get("server_label", "")
    listing = McpListTools(id=f"{item_id}_list", type="mcp_list_tools", server_label=label,
                           tools=[])
    yield _added(s, listing)
    yield _step(s, ResponseMcpListToolsInProgressEvent, "response.mcp_list_tools.in_progress",
                listing.id)
    if opts.mcp_unreachable:
        yield _step(s, ResponseMcpListToolsFailedEvent, "response.mcp_list_tools.failed",
                    listing.id)
        yield _done(s, listing.model_copy(update={"error": (
            f"Error retrieving tool list from MCP server: '{label}'. Http status code: 424 "
            "(Failed Dependency)")}), run)
        return
    allowed = tool.get("allowed_tools")
    names = [n for n in opts.mcp_tools if not isinstance(allowed, list) or n in allowed]
    yield _step(s, ResponseMcpListToolsCompletedEvent, "response.mcp_list_tools.completed",
                listing.id)
    yield _done(s, listing.model_copy(update={"tools": [
        McpListToolsTool(name=n, input_schema={"type": "object"}) for n in names]}), run)
    if not names:
        return
    approval_id = f"mcpr_{item_id}"
    answered = next((v for k, v in answers.items() if str(k).startswith("mcpr_")), None)
    if tool.get("require_approval", "always") != "never" and answered is None:
        ask = McpApprovalRequest(id=approval_id, type="mcp_approval_request",
                                 server_label=label, name=names[0],
                                 arguments=opts.mcp_arguments)
        yield _added(s, ask)
        yield _done(s, ask, run)
        run.text = False  # the model waits for the user's answer
        return
    if answered is False:
        return  # denied: the model answers without the tool
    call = McpCall(id=f"mcp_{item_id}", type="mcp_call", server_label=label, name=names[0],
                   arguments="", status="in_progress")
    yield _added(s, call)
    yield _step(s, ResponseMcpCallInProgressEvent, "response.mcp_call.in_progress", call.id)
    half = len(opts.mcp_arguments) // 2
    for part in (opts.mcp_arguments[:half], opts.mcp_arguments[half:]):
        yield _step(s, ResponseMcpCallArgumentsDeltaEvent, "response.mcp_call_arguments.delta",
                    call.id, delta=part)
    yield _step(s, ResponseMcpCallArgumentsDoneEvent, "response.mcp_call_arguments.done",
                call.id, arguments=opts.mcp_arguments)
    if opts.mcp_call_error:
        from openai.types.responses.mcp_tool_call_error import HTTPError as Http

        yield _step(s, ResponseMcpCallFailedEvent, "response.mcp_call.failed", call.id)
        yield _done(s, call.model_copy(update={
            "arguments": opts.mcp_arguments, "status": "failed",
            "error": Http(type="http_error", code=502, message=opts.mcp_call_error)}), run)
        return
    yield _step(s, ResponseMcpCallCompletedEvent, "response.mcp_call.completed", call.id)
    yield _done(s, call.model_copy(update={"arguments": opts.mcp_arguments, "status":
                                           "completed", "output": opts.mcp_output}), run)


def tool_usage(run: ToolRun) -> ToolUsage:
    from openai.types.responses.response import ToolUsageImageGenInputTokensDetails

    return ToolUsage(
        web_search=ToolUsageWebSearch(num_requests=run.searches),
        image_gen=ToolUsageImageGen(
            input_tokens=0, output_tokens=run.image_tokens, total_tokens=run.image_tokens,
            input_tokens_details=ToolUsageImageGenInputTokensDetails(image_tokens=0,
                                                                     text_tokens=0)))
