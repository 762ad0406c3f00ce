"""ImageJob: one run of the Images tab (generate, edit with a mask, or vary), widget-free.

It prepares the uploads off the event loop's thread, streams drafts and finished images,
stores every finished image in the gallery with its prompt, settings and cost, and reports
the usage. The tab shows what it emits; decoding images for the screen stays in the tab.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from playground.api.images import (
    GeneratedImage,
    ImageFailed,
    ImageRequest,
    ImagesFinished,
    PartialImage,
    controls_for,
)
from playground.services.observer import Emitter
from playground.storage.gallery import Gallery, GalleryEntry, NewImage
from playground.usage.records import UsageRecord
from playground.usage.self_hosted import is_self_hosted

if TYPE_CHECKING:
    from playground.services.container import Services
    from playground.usage.pricing import PriceBook

MODES = ("generate", "edit", "variation")


@dataclass(frozen=True)
class Source:
    """The image to edit or vary, as read from disk, and the painted mask (PNG) if any."""

    data: bytes
    name: str
    mask_png: bytes | None = None


def planned_usage(request: ImageRequest, mode: str, profile: str = "") -> UsageRecord:
    """The UsageRecord a run will report, priced before Generate for the estimate."""
    controls = controls_for(request.model)
    size = request.size if request.size not in (None, "auto") else "1024x1024"
    quality = request.quality or ""
    if controls.family == "dall-e-2" or (controls.family == "dall-e-3" and not quality):
        quality = "standard"
    elif controls.family == "gpt-image" and quality in ("", "auto"):
        quality = "medium"  # what the server picks for "auto" in practice
    return UsageRecord(endpoint="images", model=request.model, profile=profile,
                       images=request.n, image_size=size or "1024x1024",
                       image_quality=quality)


class ImageJob:
    def __init__(self, services: Services, gallery: Gallery | None = None) -> None:
        self.services = services
        self.prices: PriceBook | None = None
        self._gallery = gallery or services.gallery
        self.note = Emitter[[str]]()  # e.g. "converted to PNG for dall-e-2"
        self.draft = Emitter[[int, bytes, str]]()  # index, data, MIME: a partial image
        self.delivered = Emitter[[int, GalleryEntry, bytes, str]]()  # stored in the gallery
        self.failed = Emitter[[int, str]]()  # index, the server's reason

    async def gallery(self) -> Gallery:
        if self._gallery is None:
            self._gallery = await asyncio.to_thread(Gallery.open_default)
        return self._gallery

    def close(self) -> None:
        if self._gallery is not None:
            self._gallery.close()

    def price_each(self, record: UsageRecord) -> Decimal | None:
        if self.prices is None:
            return None
        single = UsageRecord(endpoint="images", model=record.model, images=1,
                             image_size=record.image_size, image_quality=record.image_quality)
        return self.prices.cost(single)

    async def run(self, mode: str, request: ImageRequest, source: Source | None) -> int:
        """Returns how many images were delivered. Raises ApiFailure, ImageInputError,
        GalleryError; CancelledError when the tab cancels it."""
        from playground.api import images as image_api
        from playground.api.image_inputs import prepare_edit, prepare_variation

        client = await self.services.api.client()
        profile = client.profile.name
        controls = controls_for(request.model)
        if mode == "generate":
            events = image_api.generate(client, request)
        elif mode == "edit":
            assert source is not None
            image, mask = await asyncio.to_thread(
                prepare_edit, source.data, source.mask_png, controls, request.model,
                source.name)
            if image.note:
                self.note.emit(image.note)
            events = image_api.edit(client, request, [image.as_upload()],
                                    mask.as_upload() if mask else None)
        else:
            assert source is not None
            upload = await asyncio.to_thread(prepare_variation, source.data, controls,
                                             request.model, source.name)
            if upload.note:
                self.note.emit(upload.note)
            events = image_api.vary(client, request, upload.as_upload())
        record = planned_usage(request, mode, profile)
        record.free = is_self_hosted(client.profile.base_url)
        each = self.price_each(record)
        gallery = await self.gallery()
        delivered = 0
        async for event in events:
            if isinstance(event, PartialImage):
                self.draft.emit(event.index, event.data, event.mime)
            elif isinstance(event, GeneratedImage):
                entry = await asyncio.to_thread(gallery.add, NewImage(
                    event.data, event.mime, mode, request.model,
                    request.prompt if mode != "variation" else "",
                    request.to_settings() | {"mode": mode}, each, event.revised_prompt,
                    None, profile))
                self.delivered.emit(event.index, entry, event.data, event.mime)
                delivered += 1
            elif isinstance(event, ImageFailed):
                self.failed.emit(event.index, event.message)
            elif isinstance(event, ImagesFinished):
                self._report(record, event)
        return delivered

    def _report(self, planned: UsageRecord, finished: ImagesFinished) -> None:
        if finished.count == 0:
            return  # nothing delivered: nothing billed that we know of
        size = finished.extras.get("size") or planned.image_size
        quality = finished.extras.get("quality") or planned.image_quality
        usage = finished.usage
        self.services.usage.report(UsageRecord(
            endpoint="images", model=planned.model, profile=planned.profile,
            images=finished.count, image_size=size, image_quality=quality,
            prompt_tokens=usage.prompt_tokens if usage else 0,
            completion_tokens=usage.completion_tokens if usage else 0,
            image_input_tokens=usage.image_input_tokens if usage else 0,
            text_output_tokens=usage.text_output_tokens if usage else 0,
            request_id=finished.request_id, free=planned.free))
