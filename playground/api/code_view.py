""""View code": the current chat request, for whichever API sends it (Responses or Chat
Completions), as Python (openai SDK), curl and JavaScript (openai SDK).

The key is read from the environment in each, never written out. The proxy URL is left out
too: it may carry a password. Pure: no SDK import.
"""

from __future__ import annotations

import copy
import json
import pprint
import re
import shlex
from dataclasses import dataclass, replace
from typing import Any

from playground.api.chat_params import request_params
from playground.api.responses_params import responses_params
from playground.model.types import DEFAULT_BASE_URL, ChatRequest, Profile

_DATA_URL = re.compile(r"^(data:[\w/+.-]+;base64,).+$", re.DOTALL)


@dataclass(frozen=True)
class CodeView:
    python: str
    curl: str
    javascript: str = ""


def code_for(request: ChatRequest, profile: Profile) -> CodeView:
    if request.api == "responses":
        # Secret MCP header values stay out: the code shows a placeholder naming each one.
        params = _abbreviated(responses_params(replace(request, mcp_headers={})), "input")
        params["stream"] = True
        return CodeView(python_responses(params, profile),
                        curl_command(params, profile, "/responses"),
                        javascript_snippet(params, profile, "responses"))
    params = _abbreviated(request_params(request), "messages")
    params.update(stream=True, stream_options={"include_usage": True})
    return CodeView(python_snippet(params, profile), curl_command(params, profile),
                    javascript_snippet(params, profile, "chat"))


def _abbreviated(params: dict[str, Any], key: str) -> dict[str, Any]:
    """Inline images shortened to their type: megabytes of base64 help nobody reading code."""
    params = copy.deepcopy(params)
    for message in params[key]:
        if isinstance(message.get("content"), list):
            for part in message["content"]:
                if part.get("type") == "image_url":
                    url = part["image_url"]["url"]
                    part["image_url"]["url"] = _DATA_URL.sub(r"\1…", url)
                elif part.get("type") == "input_image":
                    part["image_url"] = _DATA_URL.sub(r"\1…", part["image_url"])
    return params


def _custom_base_url(profile: Profile) -> str | None:
    url = profile.base_url.rstrip("/")
    return url if url and url != DEFAULT_BASE_URL else None


def _python_client(profile: Profile) -> list[str]:
    client_args = ['    api_key=os.environ["OPENAI_API_KEY"],']
    base_url = _custom_base_url(profile)
    if base_url:
        client_args.append(f"    base_url={base_url!r},")
    if profile.organization:
        client_args.append(f"    organization={profile.organization!r},")
    if profile.project:
        client_args.append(f"    project={profile.project!r},")
    return ["import os", "", "from openai import OpenAI", "", "client = OpenAI(", *client_args,
            ")", ""]


def _python_args(params: dict[str, Any]) -> list[str]:
    call_args = []
    for name, value in params.items():
        text = pprint.pformat(value, indent=1, width=88, sort_dicts=False)
        call_args.append(f"    {name}=" + text.replace("\n", "\n    ") + ",")
    return call_args


def python_responses(params: dict[str, Any], profile: Profile) -> str:
    return "\n".join([
        *_python_client(profile),
        "stream = client.responses.create(",
        *_python_args(params),
        ")",
        "for event in stream:",
        '    if event.type == "response.reasoning_summary_text.delta":',
        '        print(event.delta, end="", flush=True)',
        '    elif event.type == "response.output_text.delta":',
        '        print(event.delta, end="", flush=True)',
        '    elif event.type == "response.completed":',
        "        print()",
        "        print(event.response.usage)",
        "",
    ])


def python_snippet(params: dict[str, Any], profile: Profile) -> str:
    return "\n".join([
        *_python_client(profile),
        "stream = client.chat.completions.create(",
        *_python_args(params),
        ")",
        "for chunk in stream:",
        "    if chunk.choices and chunk.choices[0].delta.content:",
        '        print(chunk.choices[0].delta.content, end="", flush=True)',
        "    if chunk.usage:",
        "        print()",
        "        print(chunk.usage)",
        "",
    ])


def curl_command(params: dict[str, Any], profile: Profile,
                 path: str = "/chat/completions") -> str:
    url = (_custom_base_url(profile) or DEFAULT_BASE_URL) + path
    lines = [
        f"curl -N {shlex.quote(url)}",
        '  -H "Content-Type: application/json"',
        '  -H "Authorization: Bearer $OPENAI_API_KEY"',
    ]
    if profile.organization:
        lines.append("  -H " + shlex.quote(f"OpenAI-Organization: {profile.organization}"))
    if profile.project:
        lines.append("  -H " + shlex.quote(f"OpenAI-Project: {profile.project}"))
    body = json.dumps(params, indent=2, ensure_ascii=False)
    lines.append("  -d " + shlex.quote(body))
    return " \\\n".join(lines) + "\n"


def javascript_snippet(params: dict[str, Any], profile: Profile, api: str) -> str:
    """Node.js with the official `openai` package (ES module)."""
    options = ["  apiKey: process.env.OPENAI_API_KEY,"]
    base_url = _custom_base_url(profile)
    if base_url:
        options.append(f"  baseURL: {json.dumps(base_url)},")
    if profile.organization:
        options.append(f"  organization: {json.dumps(profile.organization)},")
    if profile.project:
        options.append(f"  project: {json.dumps(profile.project)},")
    body = json.dumps(params, indent=2, ensure_ascii=False)
    if api == "responses":
        call = [f"const stream = await client.responses.create({body});",
                "for await (const event of stream) {",
                '  if (event.type === "response.output_text.delta") '
                "process.stdout.write(event.delta);",
                '  if (event.type === "response.completed") console.log("\\n", '
                "event.response.usage);",
                "}"]
    else:
        call = [f"const stream = await client.chat.completions.create({body});",
                "for await (const chunk of stream) {",
                '  process.stdout.write(chunk.choices[0]?.delta?.content ?? "");',
                '  if (chunk.usage) console.log("\\n", chunk.usage);',
                "}"]
    return "\n".join(['import OpenAI from "openai";', "",
                      "const client = new OpenAI({", *options, "});", "", *call, ""])
