"""tiktoken encodings from the vocabularies shipped in playground/data/tiktoken, never fetched.

tiktoken would fetch its vocabularies on first use, which fails offline and behind firewalls.
Each file is checked against SHA256SUMS (the same hashes tiktoken itself checks) before use.
"""

from __future__ import annotations

import base64
import hashlib
import threading
from pathlib import Path

import tiktoken

from playground.resources import resources_dir

_ENDOFTEXT = "<|endoftext|>"
_ENDOFPROMPT = "<|endofprompt|>"

# Split patterns and special tokens as tiktoken_ext/openai_public.py defines them
# (tests/unit/usage/test_encodings.py checks they stay equal to tiktoken's own).
_CL100K_PATTERN = (
    r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+"""
    r"""|\s++$|\s*[\r\n]|\s+(?!\S)|\s"""
)
_O200K_PATTERN = "|".join(
    [
        r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
        r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
        r"""\p{N}{1,3}""",
        r""" ?[^\s\p{L}\p{N}]+[\r\n/]*""",
        r"""\s*[\r\n]+""",
        r"""\s+(?!\S)""",
        r"""\s+""",
    ]
)
_SPECS: dict[str, tuple[str, dict[str, int]]] = {
    "cl100k_base": (
        _CL100K_PATTERN,
        {_ENDOFTEXT: 100257, "<|fim_prefix|>": 100258, "<|fim_middle|>": 100259,
         "<|fim_suffix|>": 100260, _ENDOFPROMPT: 100276},
    ),
    "o200k_base": (_O200K_PATTERN, {_ENDOFTEXT: 199999, _ENDOFPROMPT: 200018}),
}
SHIPPED_ENCODINGS = tuple(_SPECS)


class VocabularyError(RuntimeError):
    """A shipped vocabulary file is missing or corrupted."""


_cache: dict[str, tiktoken.Encoding] = {}
_lock = threading.Lock()


def tiktoken_dir() -> Path:
    return resources_dir() / "tiktoken"


def get_encoding(name: str) -> tiktoken.Encoding:
    """The named encoding, loaded once (about 0.3 s: call it off the UI thread the first time)."""
    with _lock:
        encoding = _cache.get(name)
        if encoding is None:
            encoding = _cache[name] = _load(name)
        return encoding


def _load(name: str) -> tiktoken.Encoding:
    if name not in _SPECS:
        raise VocabularyError(f"no shipped vocabulary for encoding {name!r}")
    pattern, special = _SPECS[name]
    path = tiktoken_dir() / f"{name}.tiktoken"
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise VocabularyError(f"cannot read the token vocabulary {path}: {exc}") from exc
    expected = _expected_sha256(path.name)
    if hashlib.sha256(data).hexdigest() != expected:
        raise VocabularyError(f"the token vocabulary {path} is corrupted (sha256 mismatch)")
    # "token rank" per line; one split and two maps parse 200k lines ~40% faster than a loop
    # (the first estimate waits for this).
    fields = data.split()
    ranks = dict(zip(map(base64.b64decode, fields[0::2]), map(int, fields[1::2]), strict=True))
    return tiktoken.Encoding(name, pat_str=pattern, mergeable_ranks=ranks,
                             special_tokens=special)


def _expected_sha256(filename: str) -> str:
    sums = tiktoken_dir() / "SHA256SUMS"
    try:
        lines = sums.read_text(encoding="ascii").splitlines()
    except OSError as exc:
        raise VocabularyError(f"cannot read {sums}: {exc}") from exc
    for line in lines:
        digest, _, listed = line.partition("  ")
        if listed.strip() == filename:
            return digest.strip()
    raise VocabularyError(f"{filename} is not listed in {sums}")
