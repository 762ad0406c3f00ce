"""storage.profiles: validation messages, persistence in QSettings, rename/delete with keys."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

import keyring
import pytest
from PySide6.QtCore import QSettings

from playground.model.types import DEFAULT_BASE_URL, Profile
from playground.storage.profiles import (
    InvalidProfile,
    ProfileStore,
    delete_profile,
    rename_profile,
    validate_profile,
)
from playground.storage.secrets import SecretStore, SecretsUnavailable
from tests.unit.storage.blocking_keyring import BlockingKeyring

LOCAL = Profile("Local Ollama", "http://localhost:11434/v1", timeout=120, max_retries=0)


@pytest.fixture
def ini(tmp_path: Path) -> Path:
    return tmp_path / "settings.ini"


@pytest.fixture
def store(ini: Path) -> ProfileStore:
    return ProfileStore(QSettings(str(ini), QSettings.Format.IniFormat))


def _reopened(ini: Path) -> ProfileStore:
    return ProfileStore(QSettings(str(ini), QSettings.Format.IniFormat))


def _problems(profile: Profile, others: tuple[str, ...] = ()) -> dict[str, str]:
    return {p.field: p.message for p in validate_profile(profile, others)}


def test_default_openai_profile_when_none_saved(store: ProfileStore) -> None:
    assert store.list() == [Profile()]
    assert store.active_name() == "OpenAI"
    assert store.active().base_url == DEFAULT_BASE_URL


def test_saved_profiles_survive_a_restart(store: ProfileStore, ini: Path) -> None:
    store.save(Profile("OpenAI", organization="org-1", proxy="socks5h://127.0.0.1:1080"))
    store.save(LOCAL, is_new=True)
    store.set_active("Local Ollama")

    again = _reopened(ini)
    assert again.list() == [
        Profile("OpenAI", organization="org-1", proxy="socks5h://127.0.0.1:1080"), LOCAL]
    assert again.active() == LOCAL
    loaded = again.get("Local Ollama")
    assert loaded is not None and isinstance(loaded.timeout, float)
    assert isinstance(loaded.max_retries, int)


def test_save_strips_pasted_whitespace(store: ProfileStore) -> None:
    saved = store.save(Profile("  Relay ", " https://relay.example.com/v1 \n", project=" p "),
                       is_new=True)
    assert (saved.name, saved.base_url, saved.project) == (
        "Relay", "https://relay.example.com/v1", "p")
    assert store.get("Relay") == saved


def test_names_that_are_empty_or_taken_are_refused(store: ProfileStore) -> None:
    with pytest.raises(InvalidProfile) as caught:
        store.save(Profile("   "), is_new=True)
    assert caught.value.problems[0].field == "name"
    assert "needs a name" in str(caught.value)
    with pytest.raises(InvalidProfile, match="“openai” already exists"):
        store.save(Profile("openai"), is_new=True)  # case does not make a new name
    assert store.list() == [Profile()]  # nothing half-saved


@pytest.mark.parametrize(("profile", "field", "fragment"), [
    (Profile(base_url="api.openai.com/v1"), "base_url", "must start with http:// or https://"),
    (Profile(base_url="ftp://example.com"), "base_url", "must start with http://"),
    (Profile(base_url="https://"), "base_url", "name a server"),
    (Profile(proxy="127.0.0.1:7890"), "proxy", "socks5h://"),
    (Profile(proxy="socks4://127.0.0.1:1080"), "proxy", "must be a URL starting with"),
    (Profile(timeout=0.5), "timeout", "between 1 and 3600 seconds"),
    (Profile(timeout=3601), "timeout", "between 1 and 3600 seconds"),
    (Profile(max_retries=11), "max_retries", "from 0 to 10"),
    (Profile(max_retries=-1), "max_retries", "from 0 to 10"),
    (Profile(name="x" * 65), "name", "too long"),
])
def test_each_invalid_field_gets_a_specific_message(
    profile: Profile, field: str, fragment: str
) -> None:
    problems = _problems(profile)
    assert list(problems) == [field]
    assert fragment in problems[field]


def test_all_problems_are_reported_together() -> None:
    problems = _problems(Profile("", "nope", proxy="bad", timeout=0, max_retries=99))
    assert set(problems) == {"name", "base_url", "proxy", "timeout", "max_retries"}


@pytest.mark.parametrize("proxy", [
    "", "http://proxy:8080", "https://proxy:8443", "socks5://127.0.0.1:1080",
    "socks5h://user:pw@10.0.0.1:1080",
])
def test_valid_proxies(proxy: str) -> None:
    assert _problems(Profile(proxy=proxy)) == {}


def test_rename_keeps_the_active_choice_and_refuses_collisions(
    store: ProfileStore, ini: Path
) -> None:
    store.save(LOCAL, is_new=True)
    store.set_active("Local Ollama")
    renamed = store.rename("Local Ollama", "Ollama")
    assert renamed == Profile("Ollama", LOCAL.base_url, timeout=120, max_retries=0)
    assert _reopened(ini).active_name() == "Ollama"
    with pytest.raises(InvalidProfile, match="already exists"):
        store.rename("Ollama", "OPENAI")
    with pytest.raises(KeyError, match="no profile named “Missing”"):
        store.rename("Missing", "Other")


def test_delete_falls_back_to_another_active_profile(store: ProfileStore) -> None:
    store.save(LOCAL, is_new=True)
    store.set_active("Local Ollama")
    store.delete("Local Ollama")
    assert store.names() == ["OpenAI"] and store.active_name() == "OpenAI"
    store.delete("OpenAI")
    assert store.list() == [Profile()]  # never none: the default stands in again
    with pytest.raises(KeyError):
        store.set_active("Local Ollama")


def test_hand_edited_garbage_falls_back_to_defaults(ini: Path) -> None:
    settings = QSettings(str(ini), QSettings.Format.IniFormat)
    settings.beginWriteArray("profiles/list", 1)
    settings.setArrayIndex(0)
    settings.setValue("name", "Edited")
    settings.setValue("timeout", "soon")
    settings.setValue("max_retries", "many")
    settings.endArray()
    settings.sync()
    assert _reopened(ini).list() == [Profile("Edited")]


@pytest.mark.keyring
def test_rename_and_delete_move_the_keyring_entry(
    store: ProfileStore, real_keyring: SecretStore
) -> None:
    old, new = f"test-{uuid.uuid4().hex[:8]}", f"test-{uuid.uuid4().hex[:8]}"
    store.save(Profile(old), is_new=True)

    async def main() -> None:
        await real_keyring.set(old, "sk-moving")
        await rename_profile(store, real_keyring, old, new)
        assert store.names() == ["OpenAI", new]
        assert await real_keyring.get(old) is None
        assert await real_keyring.get(new) == "sk-moving"
        await delete_profile(store, real_keyring, new)
        assert store.names() == ["OpenAI"]
        assert await real_keyring.get(new) is None

    try:
        asyncio.run(main())
    finally:
        for name in (old, new):
            if keyring.get_password("openai-playground", name) is not None:
                keyring.delete_password("openai-playground", name)


def test_keyring_failure_during_rename_changes_nothing(
    store: ProfileStore, blocking_keyring: BlockingKeyring
) -> None:
    store.save(LOCAL, is_new=True)
    with pytest.raises(SecretsUnavailable, match="did not answer"):
        asyncio.run(rename_profile(store, SecretStore(timeout=0.2), "Local Ollama", "Renamed"))
    assert store.names() == ["OpenAI", "Local Ollama"]
    with pytest.raises(SecretsUnavailable):
        asyncio.run(delete_profile(store, SecretStore(timeout=0.2), "Local Ollama"))
    assert store.names() == ["OpenAI", "Local Ollama"]


def test_invalid_rename_never_touches_the_keyring(
    store: ProfileStore, blocking_keyring: BlockingKeyring
) -> None:
    store.save(LOCAL, is_new=True)
    start_names = store.names()
    with pytest.raises(InvalidProfile, match="needs a name"):
        asyncio.run(rename_profile(store, SecretStore(timeout=0.2), "Local Ollama", " "))
    assert store.names() == start_names
