"""TranscriptionJob: the Transcription tab's work, widget-free — record, open, transcribe, save.

Recording writes FLAC to the media folder while it runs (a crash keeps it). Transcribing
prepares the upload off the event loop's thread (files over the limit are transcoded, then
split at silences), sends the parts in order, reports the usage and returns the stitched
result. The tab polls `recorder` for its meter and shows what `message`, `progress` and
`part` announce.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QCoreApplication

from playground.api.transcription import TranscriptionRequest, TranscriptionResult
from playground.audio import codecs
from playground.audio import transcript as tr
from playground.audio.errors import AudioError
from playground.audio.formats import extension
from playground.audio.recorder import Recorder, Recording
from playground.audio.upload import UploadPart, check_extension, prepare_upload
from playground.model.types import ApiFailure
from playground.services.messages import UserMessage
from playground.services.observer import Emitter
from playground.usage.records import UsageRecord
from playground.usage.self_hosted import is_self_hosted

if TYPE_CHECKING:
    from playground.services.container import Services
    from playground.services.live_transcript import LiveTranscript

# Containers libsndfile cannot read: no preview here, but the server takes them.
UNPREVIEWABLE = ("m4a", "mp4", "webm", "mpeg", "mpga")


def _tr(text: str) -> str:
    return QCoreApplication.translate("TranscriptionJob", text)


def recordings_dir() -> Path:
    from playground.storage.paths import media_dir

    return media_dir() / "recordings"


@dataclass(frozen=True)
class OpenedAudio:
    path: Path
    seconds: float  # 0.0: unknown (a container that cannot be previewed)
    samples: np.ndarray | None  # for the waveform; None when it cannot be decoded here
    rate: int = 0


def transcript_body(suffix: str, result: TranscriptionResult | None, shown: str | None,
                    seconds: float) -> str:
    """What a saved transcript holds: subtitles from the timestamps (one cue for untimed or
    edited text), else the text; speakers labelled in each. shown: the user's edited text, or
    None when unedited."""
    if suffix in ("srt", "vtt"):
        timed = result.transcript if result is not None and shown is None else (
            tr.Transcript(shown or "", duration=seconds))
        return tr.to_srt(timed) if suffix == "srt" else tr.to_vtt(timed)
    if result is not None and shown is None:
        if result.transcript.diarized:  # the speakers and their times, as shown
            return tr.to_display(result.transcript) + "\n"
        return result.transcript.text + "\n"
    return shown or ""


class TranscriptionJob:
    def __init__(self, services: Services, recordings: Path | None = None) -> None:
        self.services = services
        self._recordings = recordings
        self.recorder: Recorder | None = None
        self.message: Emitter[[UserMessage]] = Emitter()
        self.progress: Emitter[[str, float]] = Emitter()  # "transcode" | "split", 0..1
        self.part: Emitter[[int, int]] = Emitter()  # index, count: a part is being sent
        # The live transcript while recording: final text, text still being transcribed.
        self.live_text: Emitter[[str, str]] = Emitter()
        self.live: LiveTranscript | None = None
        self._live_opening: asyncio.Task[bool] | None = None
        self.live_saved: Path | None = None  # the last recording's live transcript file

    # ------------------------------------------------------------------ recording
    async def start_recording(self, device: str, live_model: str = "",
                              language: str = "") -> Path | None:
        """live_model: also transcribe live with this Realtime transcription model; the
        session opens while the recording already runs (nothing said meanwhile is lost)."""
        try:
            folder = self._recordings
            if folder is None:
                folder = await asyncio.to_thread(recordings_dir)
            path = folder / f"recording-{datetime.now():%Y%m%d-%H%M%S}.flac"
            recorder = Recorder(path, device)
            await asyncio.to_thread(recorder.start)
        except Exception as exc:  # AudioError, StorageUnavailable: both say what to do
            self.message.emit(UserMessage.error(str(exc)))
            return None
        self.recorder = recorder
        self.message.emit(UserMessage.info(_tr("Recording to %1…").replace("%1", path.name)))
        if live_model:
            self._start_live(recorder, path, live_model, language)
        return path

    def _start_live(self, recorder: Recorder, path: Path, model: str, language: str) -> None:
        from playground.services.live_transcript import LiveTranscript

        live = self.live = LiveTranscript(self.services, model, language)
        live.changed.connect(self.live_text.emit)
        live.message.connect(self.message.emit)
        self._live_opening = asyncio.ensure_future(live.start(path))
        recorder.on_block = live.feed  # queued until the session is open

    async def _finish_live(self, recording: Recording | None) -> None:
        live, opening = self.live, self._live_opening
        self._live_opening = None
        self.live_saved = None
        if live is None or opening is None:
            return
        try:
            opened = await opening
        except asyncio.CancelledError:
            opened = False
        if not opened or recording is None:  # no recording: nothing to wait for
            await live.close()
            return
        if live.active:
            self.message.emit(UserMessage.info(_tr("Waiting for the last words…")))
        text = await live.finish()
        if recording is not None and text:
            self.live_saved = live.path

    async def stop_recording(self) -> Recording | None:
        """The finished recording (the tab says how long it is), or None and a message."""
        recorder, self.recorder = self.recorder, None
        if recorder is None:
            return None
        try:
            recording = await asyncio.to_thread(recorder.stop)
        except AudioError as exc:
            self.message.emit(UserMessage.error(str(exc)))
            await self._finish_live(None)
            return None
        await self._finish_live(recording)
        return recording

    def close(self) -> None:
        """On quit: a running recording is stopped, so its FLAC is closed properly."""
        recorder, self.recorder = self.recorder, None
        if recorder is not None:
            try:
                recorder.stop()
            except AudioError:
                pass
        opening, self._live_opening = self._live_opening, None
        if opening is not None:
            opening.cancel()  # what was final is in its file already

    async def aclose(self) -> None:
        """On quit, inside the loop: the live session is closed too (its words so far kept)."""
        live, opening = self.live, self._live_opening
        self.close()
        if opening is not None:
            with contextlib.suppress(BaseException):
                await opening
        if live is not None:
            await live.close()

    # ------------------------------------------------------------------ files
    async def open(self, file: Path) -> OpenedAudio | None:
        """Probe a file to transcribe; None (and a message) when it cannot be sent."""
        try:
            check_extension(file)
            info = await asyncio.to_thread(codecs.probe, file)
            samples, rate = await asyncio.to_thread(codecs.read_mono, file)
        except AudioError as exc:
            if extension(str(file)) not in UNPREVIEWABLE:
                self.message.emit(UserMessage.error(str(exc)))
                return None
            self.message.emit(UserMessage.info(
                _tr("%1 cannot be previewed here, but it can be transcribed.")
                .replace("%1", file.name)))
            return OpenedAudio(file, 0.0, None)
        self.message.emit(UserMessage.info(""))
        return OpenedAudio(file, info.seconds, samples, rate)

    async def save(self, path: Path, body: str) -> bool:
        try:
            await asyncio.to_thread(path.write_text, body, "utf-8")
        except OSError as exc:
            self.message.emit(UserMessage.error(
                _tr("Could not save %1: %2").replace("%1", path.name)
                .replace("%2", str(exc.strerror or exc))))
            return False
        self.message.emit(UserMessage.info(_tr("Saved %1.").replace("%1", path.name)))
        return True

    # ------------------------------------------------------------------ transcribing
    async def transcribe(self, source: Path | None,
                         request: TranscriptionRequest) -> TranscriptionResult | None:
        """None when nothing came back (the reason is announced); CancelledError passes."""
        if source is None:
            self.message.emit(UserMessage.error(
                _tr("Record something or open an audio file first.")))
            return None
        loop = asyncio.get_running_loop()

        def progress(stage: str, fraction: float) -> None:  # called from the worker thread
            loop.call_soon_threadsafe(self.progress.emit, stage, fraction)

        def part_started(index: int, count: int) -> None:
            self.part.emit(index, count)
            self.message.emit(UserMessage.info(
                _tr("Transcribing part %1 of %2…").replace("%1", str(index + 1))
                .replace("%2", str(count)) if count > 1 else _tr("Transcribing…")))

        self.message.emit(UserMessage.info(_tr("Preparing the upload…")))
        try:
            from playground.api.transcription import (
                check,
                speaker_references,
                transcribe_parts,
            )

            check(request)
            await asyncio.to_thread(speaker_references, request)  # bad samples: before upload
            parts: list[UploadPart] = await asyncio.to_thread(
                prepare_upload, source, source.parent / ".upload", progress=progress)
            client = await self.services.api.client()
            result = await transcribe_parts(client, request, parts, part_started)
        except AudioError as exc:
            self.message.emit(UserMessage.error(str(exc)))
            return None
        except ApiFailure as failure:
            self.message.emit(UserMessage.api_failure(failure))
            return None
        except asyncio.CancelledError:
            self.message.emit(UserMessage.info(_tr("Cancelled.")))
            raise
        self.services.usage.report(UsageRecord(
            endpoint="transcription", model=request.model, profile=client.profile.name,
            audio_seconds=result.audio_seconds, prompt_tokens=result.input_tokens,
            completion_tokens=result.output_tokens, estimated=result.usage_estimated,
            request_id=result.request_ids[-1] if result.request_ids else None,
            free=is_self_hosted(client.profile.base_url)))
        done = _tr("Done: %1 of audio").replace("%1", tr.clock(result.audio_seconds))
        if len(parts) > 1:
            done += " " + _tr("in %1 parts").replace("%1", str(len(parts)))
        self.message.emit(UserMessage.info(done + "."))
        return result
