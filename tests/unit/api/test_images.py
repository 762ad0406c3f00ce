"""api.images and api.image_inputs against the loopback server: real SDK, real HTTP."""

from __future__ import annotations

import asyncio
import io
import random
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import pytest
from PIL import Image

from playground.api import images
from playground.api.client import ApiClient
from playground.api.image_inputs import ImageInputError, prepare_edit, prepare_variation, probe
from playground.api.images import (
    GeneratedImage,
    ImageFailed,
    ImageRequest,
    ImageRequestError,
    ImagesFinished,
    PartialImage,
    check_request,
    controls_for,
)
from playground.model.types import ApiFailure, FailureKind, Profile
from tests.fake_openai import FakeOpenAI

T = TypeVar("T")


def _run(server: FakeOpenAI, body: Callable[[ApiClient], Awaitable[T]]) -> T:
    async def main() -> T:
        client = ApiClient(Profile(base_url=server.url, timeout=20), "sk-test")
        try:
            return await body(client)
        finally:
            await client.aclose()

    return asyncio.run(main())


async def _collect(events: Any) -> list[Any]:
    return [event async for event in events]


def _png(size: tuple[int, int], mode: str = "RGBA", fmt: str = "PNG") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, (10, 120, 200, 255) if mode == "RGBA" else (10, 120, 200)).save(
        out, fmt)
    return out.getvalue()


def _mask(size: tuple[int, int]) -> bytes:
    mask = Image.new("RGBA", size, (0, 0, 0, 255))
    mask.paste((0, 0, 0, 0), (0, 0, size[0] // 2, size[1] // 2))  # top-left quarter: edit
    out = io.BytesIO()
    mask.save(out, "PNG")
    return out.getvalue()


def _decoded(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


# ---- controls per model -----------------------------------------------------------------


def test_each_model_has_its_own_control_set() -> None:
    d2, d3, gpt = controls_for("dall-e-2"), controls_for("dall-e-3"), controls_for("gpt-image-1")
    assert (d2.prompt_limit, d3.prompt_limit, gpt.prompt_limit) == (1_000, 4_000, 32_000)
    assert d2.sizes == ("256x256", "512x512", "1024x1024") and d2.max_n == 10
    assert not d2.qualities and not d2.styles and not d2.backgrounds and d2.variations
    assert d3.max_n == 1 and d3.styles == ("vivid", "natural") and d3.qualities == (
        "standard", "hd") and not d3.edits
    assert "1536x1024" in gpt.sizes and gpt.streams and not gpt.response_formats
    assert gpt.output_formats == ("png", "jpeg", "webp") and "transparent" in gpt.backgrounds
    assert controls_for("openai/gpt-image-1.5") is gpt  # later and relayed names


def test_parameters_a_model_does_not_take_are_not_sent(fake_api: FakeOpenAI) -> None:
    request = ImageRequest("dall-e-2", "a cat", size="256x256", quality="hd", style="vivid",
                           background="transparent", output_format="webp",
                           output_compression=50, response_format="b64_json")
    events = _run(fake_api, lambda c: _collect(images.generate(c, request)))
    assert isinstance(events[-1], ImagesFinished)
    sent = fake_api.requests_to("/images/generations")[0].json
    assert sent == {"model": "dall-e-2", "prompt": "a cat", "n": 1, "size": "256x256",
                    "response_format": "b64_json"}


@pytest.mark.parametrize(("request_", "message"), [
    (ImageRequest("dall-e-3", "   "), "Write a prompt"),
    (ImageRequest("dall-e-2", "x" * 1_001), "1,001 characters; dall-e-2 accepts at most 1,000"),
    (ImageRequest("dall-e-3", "x" * 4_001), "at most 4,000"),
    (ImageRequest("dall-e-3", "cat", n=2), "one image per request"),
    (ImageRequest("dall-e-2", "cat", n=11), "1 to 10 images"),
    (ImageRequest("dall-e-3", "cat", size="256x256"), "does not make 256x256"),
    (ImageRequest("gpt-image-1", "cat", background="transparent", output_format="jpeg"),
     "JPEG has no transparency"),
])
def test_bad_requests_are_refused_before_sending(request_: ImageRequest, message: str) -> None:
    with pytest.raises(ImageRequestError, match=message):
        check_request(request_)


def test_the_server_enforces_the_same_limits(fake_api: FakeOpenAI) -> None:
    """The loopback server validates like OpenAI, so the local checks are checked against it."""
    request = ImageRequest("dall-e-2", "x" * 1_001)
    with pytest.raises(ApiFailure) as caught:
        _run(fake_api, lambda c: _collect(images.generate(c, request)))
    assert caught.value.kind is FailureKind.BAD_REQUEST
    assert "maximum length 1000" in caught.value.message


# ---- generation -------------------------------------------------------------------------


def test_generate_b64_json_gives_real_pngs_and_a_request_id(fake_api: FakeOpenAI) -> None:
    request = ImageRequest("dall-e-2", "a red fox", size="256x256", n=3,
                           response_format="b64_json")
    events = _run(fake_api, lambda c: _collect(images.generate(c, request)))
    generated = [e for e in events if isinstance(e, GeneratedImage)]
    assert [g.index for g in generated] == [0, 1, 2]
    assert all(_decoded(g.data).size == (256, 256) for g in generated)
    assert generated[0].data != generated[1].data and generated[0].mime == "image/png"
    finished = events[-1]
    assert isinstance(finished, ImagesFinished) and finished.count == 3
    assert finished.request_id and finished.request_id.startswith("req_")


def test_generate_url_downloads_at_once(fake_api: FakeOpenAI) -> None:
    request = ImageRequest("dall-e-3", "a lighthouse", size="1792x1024", quality="hd",
                           style="natural", response_format="url")
    events = _run(fake_api, lambda c: _collect(images.generate(c, request)))
    generated = [e for e in events if isinstance(e, GeneratedImage)]
    assert len(generated) == 1 and _decoded(generated[0].data).size == (1792, 1024)
    assert generated[0].revised_prompt and "a lighthouse" in generated[0].revised_prompt
    assert len(fake_api.requests_to("/images/download")) == 1


def test_a_url_that_fails_to_download_is_reported_per_image(fake_api: FakeOpenAI) -> None:
    fake_api.state["images_broken_url"] = True
    request = ImageRequest("dall-e-2", "a boat", size="256x256", n=2, response_format="url")
    events = _run(fake_api, lambda c: _collect(images.generate(c, request)))
    failed = [e for e in events if isinstance(e, ImageFailed)]
    assert [f.index for f in failed] == [0, 1]
    assert "Could not download the image from 127.0.0.1: HTTP 404" in failed[0].message
    assert isinstance(events[-1], ImagesFinished) and events[-1].count == 0


def test_gpt_image_reports_token_usage(fake_api: FakeOpenAI) -> None:
    request = ImageRequest("gpt-image-1", "a logo", size="1024x1024", quality="low",
                           background="transparent", output_format="webp",
                           output_compression=70)
    events = _run(fake_api, lambda c: _collect(images.generate(c, request)))
    generated = next(e for e in events if isinstance(e, GeneratedImage))
    assert generated.mime == "image/webp" and _decoded(generated.data).format == "WEBP"
    finished = events[-1]
    assert isinstance(finished, ImagesFinished) and finished.usage is not None
    assert finished.usage.completion_tokens == 1056 and finished.usage.prompt_tokens > 0
    sent = fake_api.requests_to("/images/generations")[0].json
    assert sent["output_compression"] == 70 and "response_format" not in sent


def test_gpt_image_streams_partial_previews(fake_api: FakeOpenAI) -> None:
    request = ImageRequest("gpt-image-1", "a mountain", size="1024x1024", n=1,
                           partial_images=2)
    events = _run(fake_api, lambda c: _collect(images.generate(c, request)))
    kinds = [type(e).__name__ for e in events]
    assert kinds == ["PartialImage", "PartialImage", "GeneratedImage", "ImagesFinished"]
    partial, final = events[0], events[2]
    assert isinstance(partial, PartialImage) and isinstance(final, GeneratedImage)
    assert _decoded(partial.data).size == (1024, 1024) and partial.data != final.data
    assert isinstance(events[-1], ImagesFinished) and events[-1].usage is not None
    assert fake_api.requests_to("/images/generations")[0].json["partial_images"] == 2


def test_content_policy_refusal_is_its_own_kind(fake_api: FakeOpenAI) -> None:
    fake_api.state["images_refuse"] = True
    with pytest.raises(ApiFailure) as caught:
        _run(fake_api, lambda c: _collect(images.generate(c, ImageRequest("dall-e-3", "x"))))
    assert caught.value.kind is FailureKind.CONTENT_POLICY
    assert "safety system" in caught.value.message and caught.value.request_id


# ---- edits and variations ---------------------------------------------------------------


def test_edit_sends_image_and_mask_of_the_same_size(fake_api: FakeOpenAI) -> None:
    controls = controls_for("dall-e-2")
    image, mask = prepare_edit(_png((512, 512)), _mask((512, 512)), controls, "dall-e-2")
    assert mask is not None and image.note == ""
    request = ImageRequest("dall-e-2", "add a moon", size="512x512")
    events = _run(fake_api, lambda c: _collect(
        images.edit(c, request, [image.as_upload()], mask.as_upload())))
    assert isinstance(events[0], GeneratedImage)
    form = fake_api.requests_to("/images/edits")[0].form
    sent_image, sent_mask = _decoded(form["image"][0].data), _decoded(form["mask"][0].data)
    assert sent_image.size == sent_mask.size == (512, 512)
    assert sent_mask.getpixel((10, 10))[3] == 0 and sent_mask.getpixel((400, 400))[3] == 255
    assert form["prompt"][0].text == "add a moon"


def test_gpt_image_edit_takes_several_images(fake_api: FakeOpenAI) -> None:
    controls = controls_for("gpt-image-1")
    first, _ = prepare_edit(_png((300, 200), "RGB", "JPEG"), None, controls, "gpt-image-1",
                            "photo.jpg")
    assert first.mime == "image/jpeg" and first.note == ""  # JPEG is fine for GPT models
    request = ImageRequest("gpt-image-1", "combine them")
    uploads = [first.as_upload(), first.as_upload()]
    events = _run(fake_api, lambda c: _collect(images.edit(c, request, uploads, None)))
    assert isinstance(events[-1], ImagesFinished) and events[-1].count == 1
    form = fake_api.requests_to("/images/edits")[0].form
    assert len(form.get("image[]", []) + form.get("image", [])) == 2


def test_variations_for_dall_e_2(fake_api: FakeOpenAI) -> None:
    upload = prepare_variation(_png((256, 256)), controls_for("dall-e-2"), "dall-e-2")
    request = ImageRequest("dall-e-2", size="256x256", n=2)
    events = _run(fake_api, lambda c: _collect(images.vary(c, request, upload.as_upload())))
    assert [type(e).__name__ for e in events] == ["GeneratedImage"] * 2 + ["ImagesFinished"]
    assert "prompt" not in fake_api.requests_to("/images/variations")[0].form


def test_a_jpeg_becomes_the_square_rgba_png_dall_e_2_needs(fake_api: FakeOpenAI) -> None:
    jpeg = _png((600, 400), "RGB", "JPEG")
    upload = prepare_variation(jpeg, controls_for("dall-e-2"), "dall-e-2", "photo.jpg")
    converted = _decoded(upload.data)
    assert converted.format == "PNG" and converted.mode == "RGBA"
    assert converted.size == (400, 400) and upload.filename == "photo.png"
    assert "converted from JPEG RGB to RGBA PNG" in upload.note
    assert "cropped from 600×400 to a square" in upload.note
    # and the server, which refuses a JPEG, takes the result
    request = ImageRequest("dall-e-2", size="256x256")
    events = _run(fake_api, lambda c: _collect(images.vary(c, request, upload.as_upload())))
    assert isinstance(events[0], GeneratedImage)


def test_the_server_refuses_an_unconverted_jpeg(fake_api: FakeOpenAI) -> None:
    request = ImageRequest("dall-e-2", size="256x256")
    jpeg = ("photo.jpg", _png((256, 256), "RGB", "JPEG"), "image/jpeg")
    with pytest.raises(ApiFailure, match="format must be PNG"):
        _run(fake_api, lambda c: _collect(images.vary(c, request, jpeg)))


def test_the_mask_follows_the_crop_of_its_image() -> None:
    jpeg = _png((600, 400), "RGB", "JPEG")
    image, mask = prepare_edit(jpeg, _mask((600, 400)), controls_for("dall-e-2"), "dall-e-2")
    assert mask is not None and _decoded(mask.data).size == (image.width, image.height)


def test_a_big_image_is_scaled_under_4_mb_for_dall_e_2() -> None:
    noise = random.Random(5).randbytes(1400 * 1400 * 4)  # noise does not compress
    noisy = Image.frombytes("RGBA", (1400, 1400), noise)
    out = io.BytesIO()
    noisy.save(out, "PNG")
    assert len(out.getvalue()) > 4 * 1024 * 1024
    upload = prepare_variation(out.getvalue(), controls_for("dall-e-2"), "dall-e-2")
    assert len(upload.data) < 4 * 1024 * 1024 and upload.width in (1024, 512, 256)
    assert "to stay under 4 MB" in upload.note


def test_an_image_over_the_gpt_limit_is_refused_with_its_size() -> None:
    big = _png((64, 64)) + bytes(51 * 1024 * 1024)  # checked before any decoding
    with pytest.raises(ImageInputError, match=r"big\.png is 51\.0 MB; gpt-image-1 accepts "
                       r"images under 50 MB"):
        prepare_edit(big, None, controls_for("gpt-image-1"), "gpt-image-1", "big.png")


def test_a_non_image_file_is_named_as_such() -> None:
    with pytest.raises(ImageInputError, match=r"notes\.txt is not an image"):
        probe(b"hello, this is text", "notes.txt")


def test_a_mask_of_another_size_is_refused() -> None:
    with pytest.raises(ImageInputError, match="mask is 256×256 but the image is 512×512"):
        prepare_edit(_png((512, 512)), _mask((256, 256)), controls_for("dall-e-2"), "dall-e-2")


def test_an_empty_mask_is_refused() -> None:
    opaque = _png((64, 64))
    with pytest.raises(ImageInputError, match="mask is empty"):
        prepare_edit(_png((64, 64)), opaque, controls_for("dall-e-2"), "dall-e-2")


def test_the_server_refuses_a_mask_of_another_size(fake_api: FakeOpenAI) -> None:
    request = ImageRequest("dall-e-2", "x", size="256x256")
    image = ("a.png", _png((512, 512)), "image/png")
    mask = ("m.png", _mask((256, 256)), "image/png")
    with pytest.raises(ApiFailure, match="image and mask must be the same size"):
        _run(fake_api, lambda c: _collect(images.edit(c, request, [image], mask)))


def test_settings_round_trip_for_rerun() -> None:
    request = ImageRequest("gpt-image-1", "p", size="auto", n=2, output_format="jpeg",
                           output_compression=80, partial_images=1)
    assert ImageRequest.from_settings(request.to_settings() | {"unknown": 1}) == request
