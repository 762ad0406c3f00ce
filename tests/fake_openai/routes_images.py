"""POST /images/generations, /images/edits, /images/variations; GET /files/images/<name>.

Real PNGs made with Pillow (a gradient coloured by the prompt, with the image's index drawn
on it) so previews show something. Validation of model, size, n, quality, style, prompt length
and edit inputs follows the real API's rules and error shapes.

Options in `server.state`:
- "images_refuse": True -> 400 content_policy_violation for every image request
- "images_broken_url": True -> `url` results point at a path that answers 404
- "images_stream_delay": seconds between streamed events (to test Cancel)
- "images_no_usage": True -> GPT image models answer without `usage` (as relays do)
- "images_usage": a dict -> the `usage` GPT image models answer with (token details)
- "images_served": name -> PNG bytes behind the `url` results (kept until reset)
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import time
from typing import Any

from PIL import Image, ImageDraw, ImageFont, UnidentifiedImageError

from tests.fake_openai.server import Exchange, FormField, route

PROMPT_LIMITS = {"dall-e-2": 1_000, "dall-e-3": 4_000}
GPT_IMAGE_PROMPT_LIMIT = 32_000
SIZES = {
    "dall-e-2": ("256x256", "512x512", "1024x1024"),
    "dall-e-3": ("1024x1024", "1792x1024", "1024x1792"),
}
GPT_IMAGE_SIZES = ("1024x1024", "1536x1024", "1024x1536", "auto")
QUALITIES = {"dall-e-2": ("standard",), "dall-e-3": ("standard", "hd")}
GPT_IMAGE_QUALITIES = ("low", "medium", "high", "auto")
DALLE2_MAX_BYTES = 4 * 1024 * 1024


class _Invalid(Exception):
    def __init__(self, message: str, param: str | None = None, code: str | None = None):
        super().__init__(message)
        self.message, self.param, self.code = message, param, code


def _is_gpt_image(model: str) -> bool:
    return model.startswith(("gpt-image", "chatgpt-image"))


def make_png(prompt: str, size: str, index: int = 0, *, fmt: str = "png",
             transparent: bool = False) -> bytes:
    """A real picture: a diagonal gradient in the prompt's colour with the index drawn on it."""
    width, height = (1024, 1024) if size in ("", "auto") else map(int, size.split("x"))
    digest = hashlib.sha256(f"{prompt}|{index}".encode()).digest()
    base = (digest[0], digest[1], digest[2])
    # Draw small and scale up: fast, and a gradient survives the scaling.
    small = Image.new("RGBA", (64, 64))
    pixels = small.load()
    assert pixels is not None
    for y in range(64):
        for x in range(64):
            t = (x + y) / 126
            pixels[x, y] = (
                int(base[0] * (1 - t) + 255 * t * 0.3),
                int(base[1] * (1 - t) + 40 * t),
                int(base[2] * (1 - t) + 200 * t),
                128 if transparent and x < 16 else 255,
            )
    image = small.resize((width, height), Image.Resampling.BILINEAR)
    draw = ImageDraw.Draw(image)
    r = min(width, height) // 6
    draw.ellipse((width // 2 - r, height // 2 - r, width // 2 + r, height // 2 + r),
                 fill=(255, 255, 255, 230))
    font = ImageFont.load_default(size=r)
    draw.text((width // 2, height // 2), str(index + 1), fill=(0, 0, 0, 255), font=font,
              anchor="mm")
    out = io.BytesIO()
    if fmt == "jpeg":
        image.convert("RGB").save(out, "JPEG", quality=85)
    elif fmt == "webp":
        image.save(out, "WEBP", quality=80)
    else:
        image.save(out, "PNG", compress_level=1)
    return out.getvalue()


def _check_common(ex: Exchange, model: str, prompt: str | None, size: str, n: int) -> None:
    if ex.server.state.get("images_refuse"):
        raise _Invalid(
            "Your request was rejected as a result of our safety system. Your prompt may "
            "contain text that is not allowed by our safety system.",
            code="content_policy_violation",
        )
    gpt = _is_gpt_image(model)
    if model not in SIZES and not gpt:
        raise _Invalid(f"The model '{model}' does not exist.", "model", "model_not_found")
    if prompt is not None:
        if not prompt.strip():
            raise _Invalid("Invalid 'prompt': empty string.", "prompt", "empty_string")
        limit = GPT_IMAGE_PROMPT_LIMIT if gpt else PROMPT_LIMITS[model]
        if len(prompt) > limit:
            raise _Invalid(
                f"Invalid 'prompt': string too long. Expected a string with maximum length "
                f"{limit}, but got a string with length {len(prompt)} instead.",
                "prompt", "string_above_max_length",
            )
    allowed = GPT_IMAGE_SIZES if gpt else SIZES[model]
    if size not in allowed:
        raise _Invalid(
            f"Invalid value: '{size}'. Supported values are: "
            + ", ".join(f"'{s}'" for s in allowed) + ".", "size", "invalid_value",
        )
    max_n = 1 if model == "dall-e-3" else 10
    if not 1 <= n <= max_n:
        if model == "dall-e-3":
            raise _Invalid("Invalid 'n': dall-e-3 only supports n=1.", "n", "invalid_value")
        raise _Invalid(f"Invalid 'n': integer below minimum value or above {max_n}.", "n",
                       "integer_out_of_range")


def _check_model_params(model: str, params: dict[str, Any]) -> None:
    gpt = _is_gpt_image(model)
    quality = params.get("quality")
    if quality is not None:
        allowed = GPT_IMAGE_QUALITIES if gpt else QUALITIES[model]
        if quality not in allowed:
            raise _Invalid(f"Invalid value: '{quality}'. Supported values are: "
                           + ", ".join(f"'{q}'" for q in allowed) + ".", "quality",
                           "invalid_value")
    if params.get("style") is not None and model != "dall-e-3":
        raise _Invalid("Unknown parameter: 'style'.", "style", "unknown_parameter")
    for name in ("background", "output_format", "output_compression", "partial_images",
                 "stream"):
        if params.get(name) not in (None, False) and not gpt:
            raise _Invalid(f"Unknown parameter: '{name}'.", name, "unknown_parameter")
    if params.get("response_format") is not None and gpt:
        raise _Invalid("Unknown parameter: 'response_format'.", "response_format",
                       "unknown_parameter")
    fmt = params.get("output_format") or "png"
    if params.get("background") == "transparent" and fmt == "jpeg":
        raise _Invalid("Transparent background is not supported for jpeg output.",
                       "background", "invalid_value")
    if params.get("output_compression") is not None and fmt == "png":
        raise _Invalid("Compression less than 100 is not supported for PNG output format.",
                       "output_compression", "invalid_value")


def _answer(ex: Exchange, model: str, prompt: str, size: str, n: int,
            params: dict[str, Any]) -> None:
    gpt = _is_gpt_image(model)
    fmt = params.get("output_format") or "png"
    transparent = params.get("background") == "transparent"
    images = [make_png(prompt, size, i, fmt=fmt if gpt else "png", transparent=transparent)
              for i in range(n)]
    usage = (ex.server.state.get("images_usage") or _usage(prompt, n)) \
        if gpt and not ex.server.state.get("images_no_usage") else None
    if gpt and params.get("stream"):
        _stream(ex, images, size, fmt, usage, int(params.get("partial_images") or 0), prompt)
        return
    data: list[dict[str, Any]] = []
    for i, png in enumerate(images):
        item: dict[str, Any] = {}
        if params.get("response_format") == "url":
            name = f"img-{ex.request_id}-{i}.png"
            if not ex.server.state.get("images_broken_url"):
                ex.server.state.setdefault("images_served", {})[name] = png
            item["url"] = f"{ex.server.url}/images/download?name={name}&se=2099&sig=x"
        else:
            item["b64_json"] = base64.b64encode(png).decode()
        if model == "dall-e-3":
            item["revised_prompt"] = f"A detailed illustration of {prompt.strip()}, soft light."
        data.append(item)
    body: dict[str, Any] = {"created": int(time.time()), "data": data}
    if gpt:
        body.update({"background": "transparent" if transparent else "opaque",
                     "output_format": fmt, "size": "1024x1024" if size == "auto" else size,
                     "quality": "medium" if params.get("quality") in (None, "auto")
                     else params["quality"]})
        if usage is not None:
            body["usage"] = usage
    ex.send_json(body)


def _usage(prompt: str, n: int) -> dict[str, Any]:
    text_tokens = max(1, len(prompt) // 4)
    return {
        "input_tokens": text_tokens, "output_tokens": 1056 * n,
        "total_tokens": text_tokens + 1056 * n,
        "input_tokens_details": {"text_tokens": text_tokens, "image_tokens": 0},
    }


def _stream(ex: Exchange, images: list[bytes], size: str, fmt: str,
            usage: dict[str, Any] | None, partials: int, prompt: str) -> None:
    """gpt-image streaming: partial_image events (blurrier drafts), then one completed event
    per image. Real servers stream one image per request; n > 1 here sends each in turn."""
    delay = float(ex.server.state.get("images_stream_delay", 0.0))
    ex.start_chunked()
    common = {"background": "opaque", "output_format": fmt, "quality": "medium",
              "size": "1024x1024" if size == "auto" else size, "created_at": int(time.time())}
    try:
        for png in images:
            for p in range(partials):
                draft = _blurred(png, radius=8 * (partials - p))
                _write_event(ex, {"type": "image_generation.partial_image",
                                  "b64_json": base64.b64encode(draft).decode(),
                                  "partial_image_index": p, **common})
                if delay:
                    time.sleep(delay)
            completed: dict[str, Any] = {"type": "image_generation.completed",
                                         "b64_json": base64.b64encode(png).decode(), **common}
            completed["usage"] = usage or _usage(prompt, 1)
            _write_event(ex, completed)
            if delay:
                time.sleep(delay)
        ex.end_chunked()
    except (BrokenPipeError, ConnectionResetError):
        ex.abort()  # the client cancelled


def _write_event(ex: Exchange, event: dict[str, Any]) -> None:
    ex.write_chunk(f"event: {event['type']}\ndata: {json.dumps(event)}\n\n".encode())


def _blurred(png: bytes, radius: int) -> bytes:
    from PIL import ImageFilter

    image = Image.open(io.BytesIO(png)).filter(ImageFilter.GaussianBlur(radius))
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=1)
    return out.getvalue()


def _reply_error(ex: Exchange, err: _Invalid) -> None:
    ex.send_error(400, err.message, "invalid_request_error", err.code, err.param)


@route("POST", "/images/generations")
def generations(ex: Exchange) -> None:
    body = ex.json() or {}
    model = body.get("model") or "dall-e-2"
    prompt = body.get("prompt")
    if prompt is None:
        ex.send_error(400, "Missing required parameter: 'prompt'.", param="prompt",
                      code="missing_required_parameter")
        return
    size = body.get("size") or ("auto" if _is_gpt_image(model) else "1024x1024")
    n = int(body.get("n") or 1)
    try:
        _check_common(ex, model, prompt, size, n)
        _check_model_params(model, body)
    except _Invalid as err:
        _reply_error(ex, err)
        return
    _answer(ex, model, prompt, size, n, body)


def _open_upload(field: FormField, what: str) -> Image.Image:
    try:
        image = Image.open(io.BytesIO(field.data))
        image.load()
    except (UnidentifiedImageError, OSError) as exc:
        raise _Invalid(f"Invalid input image - format must be in ['RGBA', 'LA', 'L'], got "
                       f"an unreadable file for '{what}'.", what, "invalid_image_format") from exc
    return image


def _check_dalle2_upload(field: FormField, image: Image.Image, what: str) -> None:
    if len(field.data) >= DALLE2_MAX_BYTES:
        raise _Invalid(f"Invalid input image - image must be less than 4 MB, got "
                       f"{len(field.data)} bytes.", what, "image_too_large")
    if image.format != "PNG":
        raise _Invalid(f"Invalid input image - format must be PNG, got {image.format}.", what,
                       "invalid_image_format")
    if image.width != image.height:
        raise _Invalid("Invalid input image - image must be square.", what, "invalid_image")


def _form_value(form: dict[str, list[FormField]], name: str) -> str | None:
    values = form.get(name)
    return values[-1].text if values else None


def _form_params(form: dict[str, list[FormField]]) -> dict[str, Any]:
    params: dict[str, Any] = {}
    for name in ("quality", "style", "background", "output_format", "response_format"):
        value = _form_value(form, name)
        if value is not None:
            params[name] = value
    for name in ("output_compression", "partial_images"):
        value = _form_value(form, name)
        if value is not None:
            params[name] = int(value)
    if _form_value(form, "stream") in ("true", "True", "1"):
        params["stream"] = True
    return params


@route("POST", "/images/edits")
def edits(ex: Exchange) -> None:
    form = ex.form()
    model = _form_value(form, "model") or "dall-e-2"
    prompt = _form_value(form, "prompt")
    images = form.get("image", []) + form.get("image[]", [])
    try:
        if not images:
            raise _Invalid("Missing required parameter: 'image'.", "image",
                           "missing_required_parameter")
        if prompt is None:
            raise _Invalid("Missing required parameter: 'prompt'.", "prompt",
                           "missing_required_parameter")
        if model == "dall-e-3":
            raise _Invalid("The model 'dall-e-3' does not support image edits.", "model",
                           "invalid_value")
        gpt = _is_gpt_image(model)
        size = _form_value(form, "size") or ("auto" if gpt else "1024x1024")
        n = int(_form_value(form, "n") or 1)
        _check_common(ex, model, prompt, size, n)
        params = _form_params(form)
        _check_model_params(model, params)
        if len(images) > (16 if gpt else 1):
            raise _Invalid("Too many images.", "image", "invalid_value")
        first = _open_upload(images[0], "image")
        if not gpt:
            _check_dalle2_upload(images[0], first, "image")
        masks = form.get("mask", [])
        if masks:
            mask = _open_upload(masks[0], "mask")
            if mask.size != first.size:
                raise _Invalid("Invalid mask image - image and mask must be the same size, "
                               f"got {first.width}x{first.height} and "
                               f"{mask.width}x{mask.height}.", "mask", "invalid_image")
            if mask.mode not in ("RGBA", "LA") or mask.getchannel("A").getextrema()[0] == 255:
                raise _Invalid("Invalid mask image - the mask needs an alpha channel with "
                               "transparent areas to edit.", "mask", "invalid_image")
        elif not gpt and first.mode not in ("RGBA", "LA"):
            raise _Invalid("Invalid input image - format must be in ['RGBA', 'LA', 'L'], got "
                           f"{first.mode}.", "image", "invalid_image_format")
    except _Invalid as err:
        _reply_error(ex, err)
        return
    _answer(ex, model, prompt, size, n, params)


@route("POST", "/images/variations")
def variations(ex: Exchange) -> None:
    form = ex.form()
    model = _form_value(form, "model") or "dall-e-2"
    images = form.get("image", [])
    try:
        if model != "dall-e-2":
            raise _Invalid(f"The model '{model}' does not support image variations.", "model",
                           "invalid_value")
        if not images:
            raise _Invalid("Missing required parameter: 'image'.", "image",
                           "missing_required_parameter")
        size = _form_value(form, "size") or "1024x1024"
        n = int(_form_value(form, "n") or 1)
        _check_common(ex, model, None, size, n)
        params = {k: v for k, v in _form_params(form).items() if k == "response_format"}
        first = _open_upload(images[0], "image")
        _check_dalle2_upload(images[0], first, "image")
    except _Invalid as err:
        _reply_error(ex, err)
        return
    _answer(ex, model, f"variation of {hashlib.sha1(images[0].data).hexdigest()[:8]}", size, n,
            params)


@route("GET", "/images/download")
def download(ex: Exchange) -> None:
    """Where `url` results point (the router matches exact paths, so the name is a query)."""
    data = ex.server.state.get("images_served", {}).get(ex.query.get("name", ""))
    if data is None:
        ex.send_error(404, "The requested blob does not exist.", code="BlobNotFound")
        return
    ex.send_bytes(data, content_type="image/png")
