"""Finds an OpenAI key the user already has — in OPENAI_API_KEY or a `.env` file in the home
or current folder — so first-run setup can offer to import it.

`.env` files are read as text, never executed: `KEY=value`, `export KEY=value`, single or
double quotes, `#` comments. Keys never appear in repr() or logs; the UI shows `masked`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

VARIABLE = "OPENAI_API_KEY"
_MAX_FILE_BYTES = 256 * 1024  # a .env is small; anything bigger is not one


@dataclass(frozen=True)
class FoundKey:
    key: str = field(repr=False)
    source: str  # "environment" or the .env file's path

    @property
    def masked(self) -> str:
        """What the UI may show: the last 4 characters only."""
        return "…" + self.key[-4:]


def find_keys(env: Mapping[str, str] | None = None,
              folders: Iterable[Path] | None = None) -> list[FoundKey]:
    """Keys from the environment, then from `<folder>/.env` (home and current folder by
    default); each distinct key once, first source wins."""
    env = os.environ if env is None else env
    if folders is None:
        folders = [Path.home(), Path.cwd()]
    found: list[FoundKey] = []
    if _plausible(env.get(VARIABLE, "")):
        found.append(FoundKey(env[VARIABLE].strip(), "environment"))
    seen_files: set[Path] = set()
    for folder in folders:
        path = folder / ".env"
        try:
            resolved = path.resolve()
            if resolved in seen_files or not path.is_file():
                continue
            seen_files.add(resolved)
            if path.stat().st_size > _MAX_FILE_BYTES:
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue  # unreadable: nothing to offer from it
        key = parse_dotenv(text).get(VARIABLE, "")
        if _plausible(key) and all(f.key != key for f in found):
            found.append(FoundKey(key, str(path)))
    return found


def parse_dotenv(text: str) -> dict[str, str]:
    """Variables assigned in a .env file; later assignments win. Lines that are not
    assignments are skipped. No interpolation and no command substitution, by design."""
    values: dict[str, str] = {}
    for raw_line in text.splitlines():
        line = raw_line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("export ") or line.startswith("export\t"):
            line = line[len("export"):].lstrip()
        name, sep, rest = line.partition("=")
        name = name.strip()
        if not sep or not name.replace("_", "").isalnum() or name[0].isdigit():
            continue
        values[name] = _value(rest.strip())
    return values


def _value(rest: str) -> str:
    if rest[:1] in ("'", '"'):
        quote = rest[0]
        end = rest.find(quote, 1)
        return rest[1:end] if end != -1 else rest[1:]  # unclosed quote: take the rest
    # Unquoted: a comment starts at " #" (a bare "#" may be part of the value).
    for marker in (" #", "\t#"):
        if marker in rest:
            rest = rest[:rest.index(marker)]
    return rest.strip()


def _plausible(key: str) -> bool:
    key = key.strip()
    return len(key) >= 8 and not any(ch.isspace() for ch in key)
