"""Images the user uploads, made into what the endpoint demands (Pillow; call off the UI thread).

dall-e-2 edits and variations take a square RGBA PNG under 4 MB: anything else is cropped,
converted and scaled down, and the result carries a note saying so. GPT image models take
PNG, JPEG or WebP under 50 MB. A painted mask goes through the same crop and scale as its
image, so the two stay the same size.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

from playground.api.images import ImageModelControls

_GPT_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}
_DALLE2_STEPS = (1024, 512, 256)  # sides tried, largest first, until the PNG is under 4 MB


class ImageInputError(ValueError):
    """An upload the endpoint would refuse and that cannot be converted (message for users)."""


@dataclass(frozen=True)
class PreparedUpload:
    filename: str
    data: bytes
    mime: str
    width: int
    height: int
    note: str = ""  # "" when sent unchanged

    def as_upload(self) -> tuple[str, bytes, str]:
        return (self.filename, self.data, self.mime)


@dataclass(frozen=True)
class ImageFacts:
    width: int
    height: int
    format: str  # "PNG", "JPEG", ...
    mode: str
    size_bytes: int


def _open(data: bytes, name: str) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            image.load()
    except (UnidentifiedImageError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as exc:
        if isinstance(exc, UnidentifiedImageError):
            raise ImageInputError(f"{name} is not an image (PNG, JPEG, WebP, GIF, BMP or TIFF "
                                  "expected).") from exc
        raise ImageInputError(f"{name} has too many pixels to open safely.") from exc
    except OSError as exc:
        raise ImageInputError(f"{name} could not be read as an image: {exc}.") from exc
    return image


def probe(data: bytes, name: str = "The file") -> ImageFacts:
    """Check that `data` is an image at all; raise ImageInputError with a readable message."""
    image = _open(data, name)
    return ImageFacts(image.width, image.height, image.format or "", image.mode, len(data))


def prepare_edit(
    data: bytes, mask: bytes | None, controls: ImageModelControls, model: str,
    name: str = "image.png",
) -> tuple[PreparedUpload, PreparedUpload | None]:
    """The image (and its mask) for /images/edits; the mask must match the image's size."""
    if controls.family != "dall-e-2" and len(data) >= controls.upload_limit:
        raise ImageInputError(
            f"{name} is {len(data) / 1024 / 1024:.1f} MB; {model} accepts images under "
            f"{controls.upload_limit // 1024 // 1024} MB."
        )
    image = _open(data, name)
    mask_image = None
    if mask is not None:
        mask_image = _open(mask, "The mask")
        if mask_image.size != image.size:
            raise ImageInputError(
                f"The mask is {mask_image.width}×{mask_image.height} but the image is "
                f"{image.width}×{image.height}; they must be the same size."
            )
        if "A" not in mask_image.getbands():
            raise ImageInputError("The mask needs transparency: paint the areas to change.")
        if mask_image.getchannel("A").getextrema()[0] == 255:
            raise ImageInputError("The mask is empty: paint over the areas to change first.")
    if controls.family == "dall-e-2":
        return _dalle2(image, data, mask_image, model, name)
    prepared = _gpt_image(image, data, model, name)
    return prepared, (_png_upload(mask_image, "mask.png") if mask_image is not None else None)


def prepare_variation(data: bytes, controls: ImageModelControls, model: str,
                      name: str = "image.png") -> PreparedUpload:
    image = _open(data, name)
    return _dalle2(image, data, None, model, name)[0]


def _dalle2(
    image: Image.Image, data: bytes, mask: Image.Image | None, model: str, name: str,
) -> tuple[PreparedUpload, PreparedUpload | None]:
    limit = 4 * 1024 * 1024
    square = image.width == image.height
    if image.format == "PNG" and square and image.mode == "RGBA" and len(data) < limit:
        upload = PreparedUpload(_png_name(name), data, "image/png", image.width, image.height)
        return upload, (_png_upload(mask, "mask.png") if mask is not None else None)
    side = min(image.width, image.height)
    box = ((image.width - side) // 2, (image.height - side) // 2)
    box4 = (box[0], box[1], box[0] + side, box[1] + side)
    rgba = image.convert("RGBA").crop(box4)
    mask_rgba = mask.convert("RGBA").crop(box4) if mask is not None else None
    encoded = _png(rgba)
    for step in _DALLE2_STEPS:
        if len(encoded) < limit:
            break
        if step < rgba.width:
            rgba = rgba.resize((step, step), Image.Resampling.LANCZOS)
            if mask_rgba is not None:
                mask_rgba = mask_rgba.resize((step, step), Image.Resampling.NEAREST)
            encoded = _png(rgba)
    if len(encoded) >= limit:
        raise ImageInputError(f"{name} stays over 4 MB even at 256×256; {model} cannot take it.")
    changes = []
    if image.format != "PNG" or image.mode != "RGBA":
        changes.append(f"converted from {image.format or 'unknown'} {image.mode} to RGBA PNG")
    if not square:
        changes.append(f"cropped from {image.width}×{image.height} to a square")
    if rgba.width != side:
        changes.append(f"scaled to {rgba.width}×{rgba.height} to stay under 4 MB")
    note = f"{name}: " + "; ".join(changes) + f" ({model} needs a square RGBA PNG under 4 MB)."
    upload = PreparedUpload(_png_name(name), encoded, "image/png", rgba.width, rgba.height, note)
    mask_upload = _png_upload(mask_rgba, "mask.png") if mask_rgba is not None else None
    return upload, mask_upload


def _gpt_image(image: Image.Image, data: bytes, model: str, name: str) -> PreparedUpload:
    mime = _GPT_FORMATS.get(image.format or "")
    if mime is not None:
        return PreparedUpload(name, data, mime, image.width, image.height)
    converted = _png_upload(image, _png_name(name))
    note = f"{name}: converted from {image.format or 'unknown'} to PNG ({model} takes PNG, " \
           "JPEG or WebP)."
    return PreparedUpload(converted.filename, converted.data, converted.mime, image.width,
                          image.height, note)


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _png_upload(image: Image.Image, filename: str) -> PreparedUpload:
    rgba = image if image.mode in ("RGBA", "LA") else image.convert("RGBA")
    return PreparedUpload(filename, _png(rgba), "image/png", image.width, image.height)


def _png_name(name: str) -> str:
    stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0] or "image"
    return f"{stem}.png"
