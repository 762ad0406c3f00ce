"""Error bodies real OpenAI-compatible servers send, copied from their answers.

Use with `Fault(path, status=..., body=BODY)` (sent as is) or, for in-stream errors,
`ChatOptions(error_after=0, error_event=LLAMA_CPP_CONTEXT_EVENT)`.
"""

from __future__ import annotations

import json

# llama-cpp-python's server (FastAPI + pydantic 2): a parameter out of range answers 500 with
# the validation error's str(), Python dict reprs and the endpoint's source location included.
LLAMA_CPP_PYTHON_VALIDATION_500 = json.dumps({"error": {
    "message": (
        "1 validation error:\n"
        "  {'type': 'less_than_equal', 'loc': ('body', 'top_p'), 'msg': 'Input should be "
        "less than or equal to 1', 'input': 1.5, 'ctx': {'le': 1.0}}\n"
        "\n"
        '  File "/home/user/.local/lib/python3.11/site-packages/llama_cpp/server/app.py", '
        "line 376, in create_chat_completion\n"
        "    POST /v1/chat/completions"),
    "type": "internal_server_error", "param": None, "code": None}})

# faster-whisper-server (speaches): an HTTPException whose detail is an OpenAI-style error.
FASTER_WHISPER_DETAIL_400 = json.dumps({"detail": {"error": {
    "message": "Model 'whisper-1' is not installed locally. You can download the model "
               "using `POST /v1/models/whisper-1`.",
    "type": "invalid_request_error", "param": "model", "code": "model_not_found"}}})

# FastAPI's own 422 for a request that does not match the endpoint's schema.
FASTAPI_422 = json.dumps({"detail": [
    {"type": "missing", "loc": ["body", "file"], "msg": "Field required", "input": None},
    {"type": "float_parsing", "loc": ["body", "temperature"],
     "msg": "Input should be a valid number, unable to parse string as a number",
     "input": "hot"}]})

# vLLM (and SGLang, LM Studio...): the error fields at the top level, "object": "error".
VLLM_400 = json.dumps({
    "object": "error",
    "message": "This model's maximum context length is 4096 tokens. However, you requested "
               "5120 tokens (4096 in the messages, 1024 in the completion). Please reduce the "
               "length of the messages or completion.",
    "type": "BadRequestError", "param": None, "code": 400})

# llama.cpp's server: the prompt does not fit; HTTP 200, then this event inside the stream.
LLAMA_CPP_CONTEXT_EVENT = {"error": {
    "code": 400,
    "message": "the request exceeds the available context size, try increasing it",
    "type": "exceed_context_size_error", "n_prompt_tokens": 3151, "n_ctx": 2048}}

# Starlette's answer for a route a server does not have.
FASTAPI_404 = json.dumps({"detail": "Not Found"})
