"""Audio facts shared by the speech and transcription paths."""

from __future__ import annotations

PCM_RATE = 24_000  # the speech endpoint's pcm: raw 24 kHz signed 16-bit little-endian mono
PCM_SAMPLE_BYTES = 2

MAX_UPLOAD_BYTES = 26_214_400  # 25 MiB: the transcription endpoint answers 413 above it
UPLOAD_EXTENSIONS = ("flac", "m4a", "mp3", "mp4", "mpeg", "mpga", "oga", "ogg", "wav", "webm")

# Extension -> (libsndfile format, subtype) for the files we write ourselves.
WRITABLE: dict[str, tuple[str, str | None]] = {
    "wav": ("WAV", "PCM_16"),
    "flac": ("FLAC", "PCM_16"),
    "mp3": ("MP3", "MPEG_LAYER_III"),
    "ogg": ("OGG", "VORBIS"),
    "opus": ("OGG", "OPUS"),
}
OPUS_RATES = (8_000, 12_000, 16_000, 24_000, 48_000)


def extension(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""
