"""One billed request, as every tab reports it to the ledger."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime


@dataclass
class UsageRecord:
    endpoint: str  # "chat" | "images" | "speech" | "transcription" | "file_search" | "realtime"
    model: str
    profile: str = ""
    prompt_tokens: int = 0  # also: image/speech/transcription input tokens when billed so
    completion_tokens: int = 0
    cached_tokens: int = 0
    reasoning_tokens: int = 0
    # realtime: the audio part of prompt/completion/cached tokens (audio costs far more)
    audio_prompt_tokens: int = 0
    audio_completion_tokens: int = 0
    cached_audio_tokens: int = 0
    images: int = 0  # images generated
    image_size: str = ""  # "1024x1024"
    image_quality: str = ""  # "standard" | "hd" | "low" | "medium" | "high"
    characters: int = 0  # text-to-speech input characters
    audio_seconds: float = 0.0  # transcription input duration
    tool_calls: int = 0  # endpoint "file_search": searches billed per call (not a column)
    # GPT image models (not columns: priced when recorded): of prompt_tokens, those of input
    # images; of completion_tokens, those of text (the rest are image tokens).
    image_input_tokens: int = 0
    text_output_tokens: int = 0
    estimated: bool = False  # counted locally: the server sent no usage
    free: bool = False  # a local or self-hosted server: $0 unless the user's prices say else
    request_id: str | None = None
    conversation_id: int | None = None
    # False: a compare pane or a batch row, which the open chat conversation must not count.
    in_conversation: bool = True
    at: datetime = field(default_factory=lambda: datetime.now(UTC))
