"""Every preference declared once, here (name, type, default, description), stored with
QSettings and read through typed accessors: `settings.value(CHAT_MODEL)` is a `str`.

The preferences dialog is generated from `all_settings()`. Window geometry, splitter sizes
and caches live apart, in `Settings.state()`. Secrets never go here: keys live in the OS
keyring.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from PySide6.QtCore import QSettings

from playground import APP_ID

if TYPE_CHECKING:
    from playground.model.model_choice import ModelNotice

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    name: str  # "group/key"
    type: type[T]
    default: T
    description: str
    choices: tuple[Any, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    user_visible: bool = True  # shown in the preferences dialog
    editor: str = ""  # a special editor: "input_device" / "output_device" (a device list)


_REGISTRY: dict[str, Setting[Any]] = {}


def declare(
    name: str, type_: type[T], default: T, description: str, *, choices: tuple[Any, ...] = (),
    minimum: float | None = None, maximum: float | None = None, user_visible: bool = True,
    editor: str = "",
) -> Setting[T]:
    setting = Setting(name, type_, default, description, choices, minimum, maximum, user_visible,
                      editor)
    existing = _REGISTRY.get(name)
    if existing is not None and existing != setting:
        raise ValueError(f"setting {name!r} declared twice with different definitions")
    _REGISTRY[name] = setting
    return setting


def all_settings() -> list[Setting[Any]]:
    return list(_REGISTRY.values())


class Settings:
    """Typed access to QSettings; unknown names raise, so nothing invents a setting."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self._q = qsettings or QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                                         APP_ID, APP_ID)
        self._state: QSettings | None = None

    @property
    def path(self) -> str:
        return self._q.fileName()

    def value(self, setting: Setting[T]) -> T:
        if _REGISTRY.get(setting.name) is not setting:
            raise KeyError(f"setting {setting.name!r} is not declared in playground.settings")
        return cast(T, _coerce(setting, self._q.value(stored_key(setting.name),
                                                      setting.default)))

    def put(self, setting: Setting[T], value: T) -> None:
        if _REGISTRY.get(setting.name) is not setting:
            raise KeyError(f"setting {setting.name!r} is not declared in playground.settings")
        value = cast(T, _coerce(setting, value))
        if setting.choices and value not in setting.choices:
            raise ValueError(f"{setting.name}: {value!r} is not one of {setting.choices}")
        self._q.setValue(stored_key(setting.name), value)

    def reset(self, setting: Setting[Any]) -> None:
        self._q.remove(stored_key(setting.name))

    # Free-form groups for structured data declared elsewhere (profiles).
    def raw(self) -> QSettings:
        return self._q

    def state(self) -> QSettings:
        """Window geometry, splitter sizes and caches: kept apart from preferences (its own
        file beside them), so resetting or sharing preferences never touches them."""
        if self._state is None:
            self._state = QSettings(str(Path(self.path).with_name("state.ini")),
                                    QSettings.Format.IniFormat)
        return self._state

    def sync(self) -> None:
        self._q.sync()
        if self._state is not None:
            self._state.sync()


def stored_key(name: str) -> str:
    """The key a setting is kept under in the ini file. QSettings writes a group named
    "general" (any case) as `[%General]` and reads that back as "General", so on the next start
    "general/theme" would find nothing: keep those under the spelling that round-trips."""
    group, slash, rest = name.partition("/")
    if slash and group.lower() == "general":
        return f"General/{rest}"
    return name


def _coerce(setting: Setting[Any], raw: Any) -> Any:
    if raw is None:
        return setting.default
    try:
        if setting.type is bool:
            if isinstance(raw, str):
                return raw.lower() in ("1", "true", "yes", "on")
            return bool(raw)
        if setting.type in (int, float):
            value = setting.type(raw)
            if setting.minimum is not None:
                value = max(setting.type(setting.minimum), value)
            if setting.maximum is not None:
                value = min(setting.type(setting.maximum), value)
            return value
        if setting.type is list:
            if isinstance(raw, str):
                return [raw] if raw else []
            return list(raw)
        return setting.type(raw)
    except (TypeError, ValueError):
        return setting.default


# ---- every setting ----------------------------------------------------------------------
SYSTEM_DEVICE = ""  # audio devices: the system default (playground.audio.devices.DEFAULT)

ACTIVE_PROFILE = declare("general/active_profile", str, "OpenAI", "The profile in use",
                         user_visible=False)
LANGUAGE = declare("general/language", str, "system", "Interface language (after restart)",
                   choices=("system", "en", "zh_CN"))
THEME = declare("general/theme", str, "system", "Colour theme",
                choices=("system", "light", "dark"))
WELCOME_DONE = declare("general/welcome_done", bool, False,
                       "First-run setup was finished or skipped", user_visible=False)

CHAT_MODEL = declare("chat/model", str, "gpt-5.4-mini", "Chat model", user_visible=False)
SEND_ON_ENTER = declare("chat/send_on_enter", bool, False,
                        "Send with Enter (Shift+Enter for a new line); Ctrl+Enter always sends")

# Each tab may use its own profile ("" = the window's): chat on llama.cpp, speech on a
# Piper-based server and transcription on faster-whisper, all at once.
IMAGES_PROFILE = declare("images/profile", str, "", "Profile of the Images tab",
                         user_visible=False)
SPEECH_PROFILE = declare("speech/profile", str, "", "Profile of the Speech tab",
                         user_visible=False)
TRANSCRIPTION_PROFILE = declare("transcription/profile", str, "",
                                "Profile of the Transcription tab", user_visible=False)
VOICE_MODEL = declare("voice/model", str, "gpt-realtime-2", "Voice model", user_visible=False)
VOICE_VOICE = declare("voice/voice", str, "marin", "Voice of the voice model",
                      user_visible=False)
IMAGE_MODEL = declare("images/model", str, "gpt-image-2", "Image model", user_visible=False)
IMAGE_PARTIAL_PREVIEWS = declare(
    "images/partial_previews", int, 2,
    "Drafts streamed while a GPT image model works (0 = wait for the finished image)",
    minimum=0, maximum=3)
IMAGE_SAVE_FOLDER = declare("images/save_folder", str, "", "Last folder images were saved to",
                            user_visible=False)

SPEECH_MODEL = declare("speech/model", str, "gpt-4o-mini-tts", "Speech model",
                       user_visible=False)
SPEECH_VOICE = declare("speech/voice", str, "alloy", "Speech voice", user_visible=False)
SPEECH_SPEED = declare("speech/speed", float, 1.0, "Speech speed (tts-1, tts-1-hd)",
                       minimum=0.25, maximum=4.0, user_visible=False)
SPEECH_SAVE_FORMAT = declare("speech/save_format", str, "mp3", "Format of saved speech files",
                             choices=("mp3", "opus", "flac", "wav", "pcm"))
SPEECH_OUTPUT_DEVICE = declare("speech/output_device", str, SYSTEM_DEVICE,
                               "Speaker for speech", editor="output_device")
SPEECH_SPLIT_LONG = declare(
    "speech/split_long_text", bool, True,
    "Split text over 4,096 characters at sentence ends and speak it as one clip")
SPEECH_SAVE_FOLDER = declare("speech/save_folder", str, "", "Last folder speech was saved to",
                             user_visible=False)

TRANSCRIPTION_MODEL = declare("transcription/model", str, "gpt-transcribe",
                              "Transcription model", user_visible=False)
TRANSCRIPTION_FORMAT = declare("transcription/response_format", str, "verbose_json",
                               "Transcription answer format", user_visible=False)
TRANSCRIPTION_LANGUAGE = declare("transcription/language", str, "",
                                 "Spoken language as an ISO-639-1 code (empty: detect)")
TRANSCRIPTION_INPUT_DEVICE = declare("transcription/input_device", str, SYSTEM_DEVICE,
                                     "Microphone for recordings", editor="input_device")
TRANSCRIPTION_OUTPUT_DEVICE = declare("transcription/output_device", str, SYSTEM_DEVICE,
                                      "Speaker for previews", editor="output_device")
TRANSCRIPTION_LIVE = declare("transcription/live", bool, True,
                             "Show the words while recording", user_visible=False)
TRANSCRIPTION_LIVE_MODEL = declare("transcription/live_model", str, "gpt-live-transcribe",
                                   "Model of the live transcript", user_visible=False)
TRANSCRIPTION_OPEN_FOLDER = declare("transcription/open_folder", str, "",
                                    "Last folder audio was opened from", user_visible=False)


def migrate_saved_models(settings: Settings, today: date) -> list[ModelNotice]:
    """Saved model choices that were retired move to their successors (on the same
    endpoint); one notice per choice that was retired. Call once at startup."""
    from playground.model.capabilities import Endpoint
    from playground.model.model_choice import migrate_model

    notices: list[ModelNotice] = []
    for setting, endpoint in ((CHAT_MODEL, Endpoint.CHAT), (IMAGE_MODEL, Endpoint.IMAGES),
                              (SPEECH_MODEL, Endpoint.SPEECH),
                              (TRANSCRIPTION_MODEL, Endpoint.TRANSCRIPTION)):
        saved = settings.value(setting)
        new, notice = migrate_model(saved, today, endpoint)
        if notice is not None:
            notices.append(notice)
        if new != saved:
            settings.put(setting, new)
    return notices
