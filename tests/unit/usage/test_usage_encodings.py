"""The vocabularies ship with the app: counts work offline and equal tiktoken's own encodings."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
import tiktoken

from playground.usage import encodings
from playground.usage.encodings import VocabularyError, get_encoding, tiktoken_dir

SAMPLES = ["Hello, world!", "你好，世界。今天天气怎么样？", "def f(x):\n    return x ** 2\n",
           "  spaced   out\t\ttabs\r\n", "<|endoftext|> is plain text here", "émoji 🎉 ok"]
URLS = {"cl100k_base": "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken",
        "o200k_base": "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken"}


def test_counts_with_an_empty_tiktoken_cache_and_no_network(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path / "empty-cache"))
    monkeypatch.setattr(encodings, "_cache", {})
    for name in encodings.SHIPPED_ENCODINGS:
        assert get_encoding(name).encode_ordinary("hello world") != []
    assert not (tmp_path / "empty-cache").exists()  # nothing downloaded or cached


@pytest.mark.parametrize("name", ["cl100k_base", "o200k_base"])
def test_equal_to_tiktoken_own_encoding(name: str, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    # tiktoken finds a pre-seeded cache file named by the sha1 of its URL: no network needed.
    cache_key = hashlib.sha1(URLS[name].encode()).hexdigest()
    shutil.copy(tiktoken_dir() / f"{name}.tiktoken", tmp_path / cache_key)
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path))
    theirs = tiktoken.get_encoding(name)
    ours = get_encoding(name)
    assert ours._pat_str == theirs._pat_str
    assert ours._special_tokens == theirs._special_tokens
    assert ours.n_vocab == theirs.n_vocab
    for text in SAMPLES:
        assert ours.encode_ordinary(text) == theirs.encode_ordinary(text)


def test_corrupted_vocabulary_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "resources" / "tiktoken"
    folder.mkdir(parents=True)
    shutil.copy(tiktoken_dir() / "SHA256SUMS", folder)
    data = (tiktoken_dir() / "cl100k_base.tiktoken").read_bytes()
    (folder / "cl100k_base.tiktoken").write_bytes(data[:-10] + b"AAAA 1\n")
    monkeypatch.setattr(encodings, "resources_dir", lambda: tmp_path / "resources")
    monkeypatch.setattr(encodings, "_cache", {})
    with pytest.raises(VocabularyError, match="sha256 mismatch"):
        get_encoding("cl100k_base")


def test_frozen_bundle_resources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from playground.resources import resources_dir

    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources_dir() == tmp_path / "playground" / "data"
