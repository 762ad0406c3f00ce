"""Connection profiles (base URL, org, project, proxy, timeout, retries) in QSettings.

Stored as an array under the "profiles" group so any name is safe (QSettings would read a
"/" in a group key as nesting). The API key is not here: it lives in the keyring under the
profile's name, which is why renaming or deleting a profile goes through `rename_profile` /
`delete_profile` when a SecretStore is at hand.
"""

from __future__ import annotations

import builtins
import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import urlsplit

from PySide6.QtCore import QSettings

from playground.model.types import Profile

if TYPE_CHECKING:  # the keyring stack (asyncio, threads) loads after the first paint
    from playground.storage.secrets import SecretStore

GROUP = "profiles"
_LIST = f"{GROUP}/list"
_ACTIVE = f"{GROUP}/active"

MAX_NAME_LENGTH = 64
TIMEOUT_RANGE = (1.0, 3600.0)  # seconds
RETRIES_RANGE = (0, 10)
PROXY_SCHEMES = ("http", "https", "socks5", "socks5h")


@dataclass(frozen=True)
class ProfileProblem:
    field: str  # the Profile field at fault, so the dialog can mark it
    message: str


class InvalidProfile(ValueError):
    def __init__(self, problems: list[ProfileProblem]) -> None:
        super().__init__(" ".join(problem.message for problem in problems))
        self.problems = problems


def normalized(profile: Profile) -> Profile:
    """Surrounding whitespace removed from every text field (pasted values often carry it)."""
    return dataclasses.replace(
        profile, name=profile.name.strip(), base_url=profile.base_url.strip(),
        organization=profile.organization.strip(), project=profile.project.strip(),
        proxy=profile.proxy.strip(),
    )


def validate_profile(profile: Profile, other_names: Iterable[str] = ()) -> list[ProfileProblem]:
    """Every problem with `profile`; `other_names` are the names it must not collide with."""
    problems: list[ProfileProblem] = []
    name = profile.name.strip()
    if not name:
        problems.append(ProfileProblem("name", "The profile needs a name."))
    elif len(name) > MAX_NAME_LENGTH:
        problems.append(ProfileProblem(
            "name", f"The profile name is too long (at most {MAX_NAME_LENGTH} characters)."))
    elif name.casefold() in {other.strip().casefold() for other in other_names}:
        problems.append(ProfileProblem(
            "name", f"A profile named “{name}” already exists; choose another name."))

    base_url = profile.base_url.strip()
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        problems.append(ProfileProblem(
            "base_url",
            f"The base URL “{base_url}” must start with http:// or https:// and name a "
            "server, e.g. https://api.openai.com/v1 or http://localhost:11434/v1."))

    proxy = profile.proxy.strip()
    if proxy:
        parts = urlsplit(proxy)
        if parts.scheme not in PROXY_SCHEMES or not parts.hostname:
            problems.append(ProfileProblem(
                "proxy",
                f"The proxy “{proxy}” must be a URL starting with "
                + ", ".join(f"{scheme}://" for scheme in PROXY_SCHEMES)
                + ", e.g. socks5://127.0.0.1:1080."))

    low, high = TIMEOUT_RANGE
    if not low <= profile.timeout <= high:
        problems.append(ProfileProblem(
            "timeout", f"The timeout must be between {low:g} and {high:g} seconds."))
    low_r, high_r = RETRIES_RANGE
    if not isinstance(profile.max_retries, int) or not low_r <= profile.max_retries <= high_r:
        problems.append(ProfileProblem(
            "max_retries", f"Retries must be a whole number from {low_r} to {high_r}."))
    return problems


class ProfileStore:
    """Profiles in the given QSettings. There is always at least one: a default "OpenAI"
    profile stands in while none is saved."""

    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    def list(self) -> builtins.list[Profile]:
        return self._load() or [Profile()]

    def names(self) -> builtins.list[str]:
        return [profile.name for profile in self.list()]

    def get(self, name: str) -> Profile | None:
        return next((profile for profile in self.list() if profile.name == name), None)

    def save(self, profile: Profile, *, is_new: bool = False) -> Profile:
        """Add (`is_new`) or update the profile with this name; returns what was stored.
        Raises InvalidProfile listing every problem."""
        profile = normalized(profile)
        profiles = self.list()
        index = _index(profiles, profile.name)
        if is_new or index is None:
            _raise_if_invalid(profile, [p.name for p in profiles])
            profiles.append(profile)
        else:
            _raise_if_invalid(profile, [p.name for i, p in enumerate(profiles) if i != index])
            profiles[index] = profile
        self._store(profiles)
        return profile

    def rename(self, old: str, new: str) -> Profile:
        """Rename in settings only; use `rename_profile` to move the key as well."""
        profiles = self.list()
        index = _existing(profiles, old)
        renamed = normalized(dataclasses.replace(profiles[index], name=new))
        _raise_if_invalid(renamed, [p.name for i, p in enumerate(profiles) if i != index])
        profiles[index] = renamed
        active = self.active_name()
        self._store(profiles)
        if active == old:
            self.set_active(renamed.name)
        return renamed

    def delete(self, name: str) -> None:
        """Delete in settings only; use `delete_profile` to delete the key as well."""
        profiles = self.list()
        del profiles[_existing(profiles, name)]
        self._store(profiles)

    def active_name(self) -> str:
        names = self.names()
        stored = str(self._settings.value(_ACTIVE, "") or "")
        return stored if stored in names else names[0]

    def active(self) -> Profile:
        profile = self.get(self.active_name())
        assert profile is not None  # active_name() always names an existing profile
        return profile

    def set_active(self, name: str) -> None:
        _existing(self.list(), name)
        self._settings.setValue(_ACTIVE, name)

    def _load(self) -> builtins.list[Profile]:
        settings = self._settings
        profiles: builtins.list[Profile] = []
        count = settings.beginReadArray(_LIST)
        try:
            for i in range(count):
                settings.setArrayIndex(i)
                default = Profile()
                profiles.append(Profile(
                    name=str(settings.value("name", "")),
                    base_url=str(settings.value("base_url", default.base_url)),
                    organization=str(settings.value("organization", "")),
                    project=str(settings.value("project", "")),
                    proxy=str(settings.value("proxy", "")),
                    timeout=_number(settings.value("timeout"), float, default.timeout),
                    max_retries=_number(settings.value("max_retries"), int, default.max_retries),
                ))
        finally:
            settings.endArray()
        # A hand-edited settings file may hold nameless entries: they cannot be chosen.
        return [profile for profile in profiles if profile.name]

    def _store(self, profiles: builtins.list[Profile]) -> None:
        settings = self._settings
        settings.remove(_LIST)  # a shorter array would otherwise leave stale entries
        settings.beginWriteArray(_LIST, len(profiles))
        try:
            for i, profile in enumerate(profiles):
                settings.setArrayIndex(i)
                for key, value in dataclasses.asdict(profile).items():
                    settings.setValue(key, value)
        finally:
            settings.endArray()
        settings.sync()


async def rename_profile(store: ProfileStore, secrets: SecretStore, old: str, new: str) -> Profile:
    """Rename a profile and move its keyring entry. The key moves first, so a keyring
    failure (SecretsUnavailable) leaves both the settings and the key as they were."""
    profiles = store.list()
    index = _existing(profiles, old)
    renamed = normalized(dataclasses.replace(profiles[index], name=new))
    _raise_if_invalid(renamed, [p.name for i, p in enumerate(profiles) if i != index])
    if renamed.name != old:
        await secrets.move(old, renamed.name)
    return store.rename(old, renamed.name)


async def delete_profile(store: ProfileStore, secrets: SecretStore, name: str) -> None:
    """Delete a profile and its key (the key first, so it is never left orphaned)."""
    _existing(store.list(), name)
    await secrets.delete(name)
    store.delete(name)


def _raise_if_invalid(profile: Profile, other_names: list[str]) -> None:
    problems = validate_profile(profile, other_names)
    if problems:
        raise InvalidProfile(problems)


def _existing(profiles: list[Profile], name: str) -> int:
    index = _index(profiles, name)
    if index is None:
        raise KeyError(f"There is no profile named “{name}”.")
    return index


def _index(profiles: list[Profile], name: str) -> int | None:
    return next((i for i, profile in enumerate(profiles) if profile.name == name), None)


_N = TypeVar("_N", int, float)


def _number(raw: object, kind: type[_N], default: _N) -> _N:
    try:
        return kind(str(raw))  # QSettings gives strings (ini) or numbers
    except (TypeError, ValueError):
        return default
