"""Profile + key -> one AsyncOpenAI client (base URL, org, project, proxy, timeout, retries)."""

from __future__ import annotations

from typing import Any

import openai

from playground.model.types import Profile

# Local servers (llama.cpp, Ollama, ...) accept any key but the SDK refuses an empty one.
PLACEHOLDER_KEY = "sk-no-key-required"


class ApiClient:
    """Owns the SDK client of one profile. Create it inside the running loop; close on exit."""

    def __init__(self, profile: Profile, api_key: str | None) -> None:
        self.profile = profile
        self.has_key = bool(api_key)
        # No explicit proxy: httpx honours HTTP(S)_PROXY/ALL_PROXY from the environment.
        self._http = openai.DefaultAsyncHttpx2Client(
            proxy=profile.proxy or None,
            timeout=profile.timeout,
        )
        self.sdk = openai.AsyncOpenAI(
            api_key=api_key or PLACEHOLDER_KEY,
            base_url=profile.base_url or None,
            organization=profile.organization or None,
            project=profile.project or None,
            timeout=profile.timeout,
            # Retries are ours (api.retry), so the UI can show a countdown while it waits.
            max_retries=0,
            http_client=self._http,
        )

    @property
    def http(self) -> Any:  # the SDK's httpx2 client (its class is not exported as a type)
        """The profile's HTTP client (proxy, timeout) for requests outside the SDK's routes."""
        return self._http

    async def aclose(self) -> None:
        await self.sdk.close()
