"""Every preference declared once (name, type, default, description), stored with QSettings.

Modules declare what they own with `declare(...)` at import; the preferences dialog is
generated from `all_settings()`. Secrets never go here: keys live in the OS keyring.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

from playground import APP_ID


@dataclass(frozen=True)
class Setting:
    name: str  # "group/key"
    type: type
    default: Any
    description: str
    choices: tuple[Any, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    user_visible: bool = True  # shown in the preferences dialog


_REGISTRY: dict[str, Setting] = {}


def declare(
    name: str, type_: type, default: Any, description: str, *, choices: tuple[Any, ...] = (),
    minimum: float | None = None, maximum: float | None = None, user_visible: bool = True,
) -> Setting:
    setting = Setting(name, type_, default, description, choices, minimum, maximum, user_visible)
    existing = _REGISTRY.get(name)
    if existing is not None and existing != setting:
        raise ValueError(f"setting {name!r} declared twice with different definitions")
    _REGISTRY[name] = setting
    return setting


def all_settings() -> list[Setting]:
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

    def get(self, name: str) -> Any:
        setting = _REGISTRY[name]
        raw = self._q.value(name, setting.default)
        return _coerce(setting, raw)

    def set(self, name: str, value: Any) -> None:
        setting = _REGISTRY[name]
        value = _coerce(setting, value)
        if setting.choices and value not in setting.choices:
            raise ValueError(f"{name}: {value!r} is not one of {setting.choices}")
        self._q.setValue(name, value)

    def reset(self, name: str) -> None:
        self._q.remove(name)

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


def _coerce(setting: Setting, raw: Any) -> Any:
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


# ---- core settings ----------------------------------------------------------------------
ACTIVE_PROFILE = declare("general/active_profile", str, "OpenAI", "The profile in use",
                         user_visible=False)
LANGUAGE = declare("general/language", str, "system", "Interface language (after restart)",
                   choices=("system", "en", "zh_CN"))
THEME = declare("general/theme", str, "system", "Colour theme",
                choices=("system", "light", "dark"))
CHAT_MODEL = declare("chat/model", str, "gpt-4o-mini", "Chat model", user_visible=False)
SEND_ON_ENTER = declare("chat/send_on_enter", bool, False,
                        "Send with Enter (Shift+Enter for a new line); Ctrl+Enter always sends")
