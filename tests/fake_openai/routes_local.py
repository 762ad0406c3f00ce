"""Local servers' own routes at the server root (not under /v1), off unless a test sets them:

- `state["llamacpp_props"]`: the body of llama.cpp's GET /props
- `state["ollama_show"]`: {model: body} for Ollama's POST /api/show
"""

from __future__ import annotations

from tests.fake_openai.server import Exchange, route


def _at_root(ex: Exchange) -> bool:
    if ex.raw_path.startswith("/v1/"):  # these servers serve them beside /v1, never under it
        ex.send_error(404, f"Unknown request URL: {ex.method} {ex.raw_path}")
        return False
    return True


@route("GET", "/props")
def props(ex: Exchange) -> None:
    body = ex.server.state.get("llamacpp_props")
    if body is None:
        ex.send_error(404, "File Not Found")
    elif _at_root(ex):
        ex.send_json(body)


@route("POST", "/api/show")
def ollama_show(ex: Exchange) -> None:
    shows = ex.server.state.get("ollama_show")
    if shows is None:
        ex.send_error(404, "404 page not found")
        return
    if not _at_root(ex):
        return
    request = ex.json() or {}
    name = request.get("model") or request.get("name")
    if name not in shows:
        ex.send_json({"error": f"model '{name}' not found"}, status=404)
        return
    ex.send_json(shows[name])
