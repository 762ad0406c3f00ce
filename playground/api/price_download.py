"""Download genai-prices' newer price data (the one network call outside the OpenAI SDK)."""

from __future__ import annotations

import httpx2


class DownloadError(RuntimeError):
    pass


def download(url: str, timeout: float = 30.0) -> bytes:
    """The body at `url`; httpx honours HTTP(S)_PROXY/ALL_PROXY from the environment, as the
    app's other requests do. Raises DownloadError with a sentence saying what failed."""
    try:
        response = httpx2.get(url, timeout=timeout, follow_redirects=True)
        response.raise_for_status()
    except httpx2.HTTPStatusError as exc:
        raise DownloadError(
            f"The price server answered HTTP {exc.response.status_code}.") from exc
    except httpx2.HTTPError as exc:
        raise DownloadError(f"The price data could not be downloaded: {exc}") from exc
    return response.content
