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
    return dataclasses.replace(
        profile, base_url=env.get(ENV_BASE_URL) or profile.base_url,
        organization=env.get(ENV_ORG) or profile.organization,
        project=env.get(ENV_PROJECT) or profile.project), env.get(ENV_KEY) or key


def key_from_environment(env: Mapping[str, str] | None = None) -> bool:
    env = os.environ if env is None else env
    return bool(env.get(ENV_KEY))
