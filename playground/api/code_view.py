""""View code": the current chat request as a Python (openai SDK) snippet and a curl command.

The key is read from the environment in both, never written out. The proxy URL is left out
too: it may carry a password. Pure: no SDK import.
"""

from __future__ import annotations

import copy
import json
import pprint
import re
import shlex
from dataclasses import dataclass
from typing import Any

from playground.api.chat_params import request_params
from playground.model.types import DEFAULT_BASE_URL, ChatRequest, Profile

_DATA_URL = re.compile(r"^(data:[\w/+.-]+;base64,).+$", re.DOTALL)


@dataclass(frozen=True)
class CodeView:
    python: str
    curl: str


def code_for(request: ChatRequest, profile: Profile) -> CodeView:
    params = _abbreviated(request_params(request))
    params.update(stream=True, stream_options={"include_usage": True})
    return CodeView(python_snippet(params, profile), curl_command(params, profile))


def _abbreviated(params: dict[str, Any]) -> dict[str, Any]:
    """Inline images shortened to their type: megabytes of base64 help nobody reading code."""
    params = copy.deepcopy(params)
    for message in params["messages"]:
        if isinstance(message["content"], list):
            for part in message["content"]:
                if part.get("type") == "image_url":
                    url = part["image_url"]["url"]
                    part["image_url"]["url"] = _DATA_URL.sub(r"\1…", url)
    return params


def _custom_base_url(profile: Profile) -> str | None:
    url = profile.base_url.rstrip("/")
    return url if url and url != DEFAULT_BASE_URL else None


def python_snippet(params: dict[str, Any], profile: Profile) -> str:
    client_args = ['    api_key=os.environ["OPENAI_API_KEY"],']
    base_url = _custom_base_url(profile)
    if base_url:
        client_args.append(f"    base_url={base_url!r},")
    if profile.organization:
        client_args.append(f"    organization={profile.organization!r},")
    if profile.project:
        client_args.append(f"    project={profile.project!r},")
    call_args = []
    for name, value in params.items():
        text = pprint.pformat(value, indent=1, width=88, sort_dicts=False)
        call_args.append(f"    {name}=" + text.replace("\n", "\n    ") + ",")
    return "\n".join([
        "import os",
        "",
        "from openai import OpenAI",
        "",
        "client = OpenAI(",
        *client_args,
        ")",
        "",
        "stream = client.chat.completions.create(",
        *call_args,
        ")",
        "for chunk in stream:",
        "    if chunk.choices and chunk.choices[0].delta.content:",
        '        print(chunk.choices[0].delta.content, end="", flush=True)',
        "    if chunk.usage:",
        "        print()",
        "        print(chunk.usage)",
        "",
    ])


def curl_command(params: dict[str, Any], profile: Profile) -> str:
    url = (_custom_base_url(profile) or DEFAULT_BASE_URL) + "/chat/completions"
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
