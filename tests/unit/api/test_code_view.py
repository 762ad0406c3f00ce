""""View code": runnable-looking Python and curl that never contain the key."""

from __future__ import annotations

import ast
import json
import shlex
from typing import Any

import pytest

from playground.api import code_view
from playground.api.chat_params import request_params
from playground.api.environment import apply_environment
from playground.model.types import ChatMessage, ChatRequest, ImageInput, Profile

SECRET = "sk-proj-DISTINCTIVE-fake-key-7f3a9c"
PNG = "data:image/png;base64," + "iVBORw0KGgo" * 5000


def request() -> ChatRequest:
    return ChatRequest(
        model="gpt-4o",
        messages=[
            ChatMessage("system", "Answer in 中文, it's fine to use 'quotes'."),
            ChatMessage("user", "What is in this picture?", images=[ImageInput(PNG, "high")]),
        ],
        temperature=0.7, max_tokens=300, stop=["\n\n"], seed=42,
    )


def python_call_kwargs(snippet: str) -> dict[str, object]:
    tree = ast.parse(snippet)
    call = next(n for n in ast.walk(tree) if isinstance(n, ast.Call)
                and isinstance(n.func, ast.Attribute) and n.func.attr == "create")
    return {k.arg: ast.literal_eval(k.value) for k in call.keywords if k.arg}


def test_the_key_never_appears_even_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    profile, key = apply_environment(Profile(), None)
    assert key == SECRET
    view = code_view.code_for(request(), profile)
    for text in (view.python, view.curl):
        assert SECRET not in text
        assert "sk-proj" not in text
    assert 'os.environ["OPENAI_API_KEY"]' in view.python
    assert '"Authorization: Bearer $OPENAI_API_KEY"' in view.curl


def test_python_is_valid_and_reproduces_the_request() -> None:
    view = code_view.code_for(request(), Profile())
    compile(view.python, "<view code>", "exec")
    kwargs = python_call_kwargs(view.python)
    expected = request_params(request())
    expected["messages"][1]["content"][1]["image_url"]["url"] = "data:image/png;base64,…"
    assert kwargs == {**expected, "stream": True, "stream_options": {"include_usage": True}}
    assert "base_url" not in view.python and "organization" not in view.python


def test_curl_body_is_the_same_request() -> None:
    view = code_view.code_for(request(), Profile())
    words = shlex.split(view.curl.replace("\\\n", " "))
    assert words[:3] == ["curl", "-N", "https://api.openai.com/v1/chat/completions"]
    body = json.loads(words[words.index("-d") + 1])
    assert body == python_call_kwargs(view.python)
    assert len(view.curl) < 2000  # the 55 kB image is abbreviated


def test_custom_server_org_and_project_are_included() -> None:
    profile = Profile(base_url="http://localhost:8080/v1/", organization="org-123",
                      project="proj_abc", proxy="http://user:hunter2@proxy:3128")
    view = code_view.code_for(request(), profile)
    compile(view.python, "<view code>", "exec")
    assert "base_url='http://localhost:8080/v1'" in view.python
    assert "organization='org-123'" in view.python and "project='proj_abc'" in view.python
    words = shlex.split(view.curl.replace("\\\n", " "))
    assert words[2] == "http://localhost:8080/v1/chat/completions"
    assert "OpenAI-Organization: org-123" in words and "OpenAI-Project: proj_abc" in words
    for text in (view.python, view.curl):
        assert "hunter2" not in text  # proxy credentials stay out too


def test_https_image_urls_are_kept() -> None:
    message = ChatMessage("user", "Hi", images=[ImageInput("https://example.com/a.png")])
    view = code_view.code_for(ChatRequest("gpt-4o", [message]), Profile())
    assert "https://example.com/a.png" in view.python


def test_snippet_reads_the_key_at_run_time(monkeypatch: pytest.MonkeyPatch) -> None:
    # Executing only the client-construction part proves the variable name is right.
    view = code_view.code_for(request(), Profile(base_url="http://127.0.0.1:9/v1"))
    head = view.python.split("stream =", 1)[0]
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env")
    namespace: dict[str, object] = {}
    exec(compile(head, "<view code>", "exec"), namespace)
    client: Any = namespace["client"]
    assert client.api_key == "sk-from-env"
    assert str(client.base_url) == "http://127.0.0.1:9/v1/"
    client.close()


def test_a_responses_request_as_python_curl_and_javascript() -> None:
    request = ChatRequest(model="gpt-5.5", api="responses", reasoning_summary="auto",
                          reasoning_effort="low", messages=[
                              ChatMessage("system", "Be brief."), ChatMessage("user", "hi")])
    code = code_view.code_for(request, Profile(base_url="http://localhost:8080/v1"))
    assert "client.responses.create(" in code.python and "instructions='Be brief.'" in code.python
    assert "http://localhost:8080/v1/responses" in code.curl
    assert '"reasoning": {' in code.curl and '"summary": "auto"' in code.curl
    assert "client.responses.create(" in code.javascript
    assert 'baseURL: "http://localhost:8080/v1"' in code.javascript
    for text in (code.python, code.curl, code.javascript):
        assert "sk-" not in text and "OPENAI_API_KEY" in text
