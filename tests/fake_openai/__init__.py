"""A loopback OpenAI-compatible server for tests and benchmarks: real HTTP, SSE, multipart.

Routes live in `routes_*.py` modules beside this file; each registers handlers with
`@route(METHOD, PATH)` and is imported automatically by the server.
"""

from tests.fake_openai.server import Exchange, FakeOpenAI, Fault, route

__all__ = ["Exchange", "FakeOpenAI", "Fault", "route"]
