"""`{{variables}}` in prompts: which a text uses, and the text with them filled in.

One definition shared by the prompt library, the variables form and batch runs, so a name the
form asks for is exactly the name a batch row must supply.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

# A name is letters, digits, '_', '-' or '.', with optional spaces inside the braces; CJK
# letters count as letters (\w is Unicode-aware), so {{城市}} is a variable too.
_VARIABLE = re.compile(r"\{\{\s*([\w.-]+)\s*\}\}")


class MissingVariables(ValueError):
    """The text uses variables the values do not supply."""

    def __init__(self, names: list[str]) -> None:
        super().__init__(", ".join(names))
        self.names = names


def variables(*texts: str) -> list[str]:
    """The variable names used in the texts, in first-use order, each once."""
    seen: dict[str, None] = {}
    for text in texts:
        for match in _VARIABLE.finditer(text):
            seen.setdefault(match.group(1), None)
    return list(seen)


def missing(texts: Iterable[str], values: Mapping[str, object]) -> list[str]:
    """Names the texts use that `values` lacks (an empty string counts as supplied)."""
    return [name for name in variables(*texts) if name not in values]


def fill(text: str, values: Mapping[str, object]) -> str:
    """The text with every `{{name}}` replaced by str(values[name]).

    Raises MissingVariables naming every absent variable at once, so the user fixes them in
    one go rather than one per attempt. Braces that are not a variable are left as typed.
    """
    absent = missing([text], values)
    if absent:
        raise MissingVariables(absent)
    return _VARIABLE.sub(lambda m: str(values[m.group(1)]), text)
