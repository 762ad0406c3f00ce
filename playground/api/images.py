"""Image generation, edits and variations: per-model controls, requests, and a stream of events.

Callers get plain dataclasses (never SDK objects): `PartialImage` drafts while a GPT image
model streams, `GeneratedImage` per finished image (bytes already downloaded when the server
answered with a `url`, since those expire), `ImageFailed` for one image that could not be
fetched, and `ImagesFinished` with usage and the request id. Failures of the whole request
raise `ApiFailure` (mapped once by `errors.to_failure`).

The UI imports this module for the controls and dataclasses, so the SDK and httpx2 are
imported only inside the calls (by then ApiProvider has loaded them off the UI thread).
"""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator, Sequence
from dataclasses import asdict, dataclass, field, fields
from typing import TYPE_CHECKING, Any

from playground.model.types import ApiFailure, FailureKind, Usage

if TYPE_CHECKING:
    import httpx2

    from playground.api.client import ApiClient

# ---- what each model accepts ------------------------------------------------------------


@dataclass(frozen=True)
class ImageModelControls:
    """The controls a model accepts, and only those; empty tuples mean "hide the control"."""

    family: str  # "dall-e-2" | "dall-e-3" | "gpt-image"
    prompt_limit: int
    sizes: tuple[str, ...]
    qualities: tuple[str, ...] = ()
    styles: tuple[str, ...] = ()
    max_n: int = 1
    backgrounds: tuple[str, ...] = ()
    output_formats: tuple[str, ...] = ()
    response_formats: tuple[str, ...] = ()  # empty: always base64 (GPT image models)
    streams: bool = False  # partial previews with stream=True, partial_images=N
    edits: bool = False
    variations: bool = False
    max_edit_images: int = 0
    # dall-e-2 uploads: square RGBA PNG under 4 MB; GPT image models take png/webp/jpeg < 50 MB
    upload_limit: int = 50 * 1024 * 1024


DALL_E_2 = ImageModelControls(
    family="dall-e-2", prompt_limit=1_000, sizes=("256x256", "512x512", "1024x1024"),
    max_n=10, response_formats=("b64_json", "url"), edits=True, variations=True,
    max_edit_images=1, upload_limit=4 * 1024 * 1024,
)
DALL_E_3 = ImageModelControls(
    family="dall-e-3", prompt_limit=4_000, sizes=("1024x1024", "1792x1024", "1024x1792"),
    qualities=("standard", "hd"), styles=("vivid", "natural"), max_n=1,
    response_formats=("b64_json", "url"),
)
GPT_IMAGE = ImageModelControls(
    family="gpt-image", prompt_limit=32_000,
    sizes=("auto", "1024x1024", "1536x1024", "1024x1536"),
    qualities=("auto", "low", "medium", "high"), max_n=10,
    backgrounds=("auto", "opaque", "transparent"), output_formats=("png", "jpeg", "webp"),
    streams=True, edits=True, max_edit_images=16,
)
KNOWN_IMAGE_MODELS = ("gpt-image-1", "dall-e-3", "dall-e-2")


def controls_for(model: str) -> ImageModelControls:
    """Relays prefix names ("openai/gpt-image-1"); later GPT image models share one set."""
    base = model.strip().lower().rsplit("/", 1)[-1]
    if base.startswith("dall-e-2"):
        return DALL_E_2
    if base.startswith("dall-e-3"):
        return DALL_E_3
    return GPT_IMAGE


def is_image_model(name: str) -> bool:
    base = name.strip().lower().rsplit("/", 1)[-1]
    return base.startswith(("dall-e", "gpt-image", "chatgpt-image"))


# ---- the request ------------------------------------------------------------------------


@dataclass
class ImageRequest:
    """One Generate / Edit / Variation click. `None` means "not sent" (the model's default)."""

    model: str
    prompt: str = ""
    size: str | None = None
    n: int = 1
    quality: str | None = None
    style: str | None = None
    background: str | None = None
    output_format: str | None = None
    output_compression: int | None = None  # jpeg/webp only
    response_format: str | None = None  # b64_json | url (DALL·E only)
    partial_images: int = 0  # > 0: stream drafts (GPT image models)

    def to_settings(self) -> dict[str, Any]:
        """What the gallery stores so a click on Re-run sends the same request again."""
        return {k: v for k, v in asdict(self).items() if v is not None}

    @classmethod
    def from_settings(cls, settings: dict[str, Any]) -> ImageRequest:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in settings.items() if k in known})

    @property
    def mime(self) -> str:
        return {"jpeg": "image/jpeg", "webp": "image/webp"}.get(self.output_format or "",
                                                                "image/png")


class ImageRequestError(ValueError):
    """A request the model would refuse, caught before sending (the message is for users)."""


def check_request(request: ImageRequest, *, needs_prompt: bool = True) -> None:
    """Raise ImageRequestError with a specific message for what the API would reject."""
    controls = controls_for(request.model)
    if not request.model.strip():
        raise ImageRequestError("Choose an image model.")
    if needs_prompt:
        if not request.prompt.strip():
            raise ImageRequestError("Write a prompt describing the image first.")
        if len(request.prompt) > controls.prompt_limit:
            raise ImageRequestError(
                f"The prompt has {len(request.prompt):,} characters; {request.model} accepts "
                f"at most {controls.prompt_limit:,}. Shorten it or pick another model."
            )
    if not 1 <= request.n <= controls.max_n:
        raise ImageRequestError(
            f"{request.model} makes 1 to {controls.max_n} images per request, "
            f"not {request.n}." if controls.max_n > 1
            else f"{request.model} makes one image per request."
        )
    if request.size is not None and request.size not in controls.sizes:
        raise ImageRequestError(
            f"{request.model} does not make {request.size} images; choose one of "
            f"{', '.join(controls.sizes)}."
        )
    if request.background == "transparent" and request.output_format == "jpeg":
        raise ImageRequestError("JPEG has no transparency: choose PNG or WebP for a "
                                "transparent background.")


def _sdk_params(request: ImageRequest, *, prompt: bool = True) -> dict[str, Any]:
    controls = controls_for(request.model)
    params: dict[str, Any] = {"model": request.model, "n": request.n}
    if prompt:
        params["prompt"] = request.prompt
    if request.size:
        params["size"] = request.size
    if controls.qualities and request.quality:
        params["quality"] = request.quality
    if controls.styles and request.style:
        params["style"] = request.style
    if controls.backgrounds and request.background:
        params["background"] = request.background
    if controls.output_formats and request.output_format:
        params["output_format"] = request.output_format
        if request.output_format != "png" and request.output_compression is not None:
            params["output_compression"] = request.output_compression
    if controls.response_formats and request.response_format:
        params["response_format"] = request.response_format
    return params


# ---- events -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PartialImage:
    """A draft of image `index` while a GPT image model streams it (replaces the previous)."""

    index: int
    data: bytes
    mime: str


@dataclass(frozen=True)
class GeneratedImage:
    index: int
    data: bytes
    mime: str
    revised_prompt: str | None = None  # dall-e-3 rewrites prompts and says how


@dataclass(frozen=True)
class ImageFailed:
    """One image of the batch could not be fetched (the others are still delivered)."""

    index: int
    message: str


@dataclass(frozen=True)
class ImagesFinished:
    request_id: str | None
    count: int  # images delivered
    usage: Usage | None = None  # GPT image models only
    extras: dict[str, str] = field(default_factory=dict)  # size/quality the server chose


ImageEvent = PartialImage | GeneratedImage | ImageFailed | ImagesFinished

# ---- calls ------------------------------------------------------------------------------

Upload = tuple[str, bytes, str]  # (filename, bytes, mime) as the SDK takes files


async def generate(client: ApiClient, request: ImageRequest) -> AsyncIterator[ImageEvent]:
    """POST /images/generations; streams drafts when `partial_images` > 0 on GPT models."""
    params = _sdk_params(request)
    async for event in _send(client, request, params, client.sdk.images.generate,
                             client.sdk.images.with_raw_response.generate):
        yield event


async def edit(
    client: ApiClient, request: ImageRequest, images: Sequence[Upload], mask: Upload | None,
) -> AsyncIterator[ImageEvent]:
    """POST /images/edits (multipart): the image(s), an optional mask of the same size."""
    params = _sdk_params(request)
    params["image"] = list(images) if len(images) > 1 else images[0]
    if mask is not None:
        params["mask"] = mask
    async for event in _send(client, request, params, client.sdk.images.edit,
                             client.sdk.images.with_raw_response.edit):
        yield event


async def _send(
    client: ApiClient, request: ImageRequest, params: dict[str, Any],
    streaming_call: Any, raw_call: Any,
) -> AsyncIterator[ImageEvent]:
    """GPT image models stream drafts when asked for partial images; others answer once."""
    if controls_for(request.model).streams and request.partial_images > 0:
        params.update(stream=True, partial_images=request.partial_images)
        async for event in _streamed(streaming_call(**params), request):
            yield event
        return
    async for event in _answered(client, raw_call(**params), request):
        yield event


async def vary(client: ApiClient, request: ImageRequest, image: Upload
               ) -> AsyncIterator[ImageEvent]:
    """POST /images/variations (dall-e-2): no prompt."""
    params = _sdk_params(request, prompt=False)
    params["image"] = image
    call = client.sdk.images.with_raw_response.create_variation(**params)
    async for event in _answered(client, call, request):
        yield event


async def _answered(client: ApiClient, call: Any, request: ImageRequest
                    ) -> AsyncIterator[ImageEvent]:
    import httpx2

    from playground.api.errors import to_failure

    try:
        raw = await call
        response = raw.parse()
    except ApiFailure:
        raise
    except Exception as exc:
        raise to_failure(exc) from exc
    request_id = raw.headers.get("x-request-id")
    items = list(response.data or [])
    count = 0
    downloader: httpx2.AsyncClient | None = None
    try:
        for index, item in enumerate(items):
            if item.b64_json:
                data = base64.b64decode(item.b64_json)
                mime = _mime_of(data, request.mime)
            elif item.url:
                if downloader is None:
                    downloader = httpx2.AsyncClient(
                        proxy=client.profile.proxy or None, timeout=client.profile.timeout,
                        follow_redirects=True)
                try:
                    data = await _download(downloader, item.url)
                except ApiFailure as failure:
                    yield ImageFailed(index, failure.message)
                    continue
                mime = _mime_of(data, "image/png")
            else:
                yield ImageFailed(index, "The server sent neither image data nor a URL.")
                continue
            count += 1
            yield GeneratedImage(index, data, mime, item.revised_prompt or None)
    finally:
        if downloader is not None:
            await downloader.aclose()
    usage = _usage(response.usage) if response.usage is not None else None
    extras = {k: str(v) for k in ("size", "quality", "background", "output_format")
              if (v := getattr(response, k, None))}
    yield ImagesFinished(request_id, count, usage, extras)


async def _download(http: httpx2.AsyncClient, url: str) -> bytes:
    """URLs expire after an hour, so every image is fetched as soon as it is announced."""
    import httpx2

    from playground.api.errors import readable

    host = httpx2.URL(url).host or url
    try:
        response = await http.get(url)
    except httpx2.HTTPError as exc:
        reason = readable(str(exc)) or type(exc).__name__
        raise ApiFailure(FailureKind.NETWORK,
                         f"Could not download the image from {host}: {reason}") from exc
    if response.status_code != 200:
        raise ApiFailure(FailureKind.NETWORK,
                         f"Could not download the image from {host}: HTTP "
                         f"{response.status_code} (the link may have expired).")
    return response.content


async def _streamed(call: Any, request: ImageRequest) -> AsyncIterator[ImageEvent]:
    from playground.api.errors import to_failure

    try:
        stream = await call
    except Exception as exc:
        raise to_failure(exc) from exc
    request_id = stream.response.headers.get("x-request-id")
    index = 0
    usage: Usage | None = None
    try:
        async for event in stream:
            kind = getattr(event, "type", "")
            if kind.endswith(".partial_image"):
                data = base64.b64decode(event.b64_json)
                yield PartialImage(index, data, _mime_of(data, request.mime))
            elif kind.endswith(".completed"):
                data = base64.b64decode(event.b64_json)
                yield GeneratedImage(index, data, _mime_of(data, request.mime))
                index += 1
                if event.usage is not None:
                    usage = _added(usage, _usage(event.usage))
    except Exception as exc:
        raise to_failure(exc, during_stream=True) from exc
    finally:
        await stream.close()
    yield ImagesFinished(request_id, index, usage)


def _usage(sdk_usage: Any) -> Usage:
    """The SDK's image usage, with the input image and output text tokens that are billed
    at their own rates (details a relay may leave out: then none)."""
    details_in = getattr(sdk_usage, "input_tokens_details", None)
    details_out = getattr(sdk_usage, "output_tokens_details", None)
    return Usage(prompt_tokens=sdk_usage.input_tokens,
                 completion_tokens=sdk_usage.output_tokens,
                 image_input_tokens=getattr(details_in, "image_tokens", 0) or 0,
                 text_output_tokens=getattr(details_out, "text_tokens", 0) or 0)


def _added(total: Usage | None, more: Usage) -> Usage:
    if total is None:
        return more
    return Usage(prompt_tokens=total.prompt_tokens + more.prompt_tokens,
                 completion_tokens=total.completion_tokens + more.completion_tokens,
                 image_input_tokens=total.image_input_tokens + more.image_input_tokens,
                 text_output_tokens=total.text_output_tokens + more.text_output_tokens)


_SIGNATURES = ((b"\x89PNG", "image/png"), (b"\xff\xd8", "image/jpeg"), (b"RIFF", "image/webp"))


def _mime_of(data: bytes, fallback: str) -> str:
    """What the bytes are, not what was asked for (relays ignore output_format)."""
    for magic, mime in _SIGNATURES:
        if data.startswith(magic):
            return mime
    return fallback
