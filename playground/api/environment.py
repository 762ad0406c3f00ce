"""OPENAI_* environment variables override the profile, as the SDK itself does."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping

from playground.model.types import Profile

ENV_KEY = "OPENAI_API_KEY"
ENV_BASE_URL = "OPENAI_BASE_URL"
ENV_ORG = "OPENAI_ORG_ID"
ENV_PROJECT = "OPENAI_PROJECT_ID"


def apply_environment(
    profile: Profile, key: str | None, env: Mapping[str, str] | None = None
) -> tuple[Profile, str | None]:
    """The profile and key actually used: non-empty OPENAI_* variables win."""
    env = os.environ if env is None else env
    changes: dict[str, str] = {}
    if env.get(ENV_BASE_URL):
        changes["base_url"] = env[ENV_BASE_URL]
    if env.get(ENV_ORG):
        changes["organization"] = env[ENV_ORG]
    if env.get(ENV_PROJECT):
        changes["project"] = env[ENV_PROJECT]
    return dataclasses.replace(profile, **changes), env.get(ENV_KEY) or key


def key_from_environment(env: Mapping[str, str] | None = None) -> bool:
    env = os.environ if env is None else env
    return bool(env.get(ENV_KEY))
