"""Dollar cost of a UsageRecord, from playground/data/pricing.toml and the user's override file.

Prices are Decimals straight from the TOML text, so sums never drift. A malformed user file
never stops the app: the shipped prices stay in force and `PriceBook.problem` says what is
wrong and on which line.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from playground.resources import resources_dir
from playground.usage.records import UsageRecord

SECTIONS: dict[str, frozenset[str]] = {
    "chat": frozenset({"input", "cached_input", "output"}),
    "speech": frozenset({"per_1m_characters", "input", "output"}),
    "transcription": frozenset({"per_minute", "input", "output"}),
    "images": frozenset(),  # keys are "<quality>.<size>"
    "tools": frozenset({"per_1k_calls", "per_session", "per_image", "per_call", "per_gb_day",
                        "free_gb"}),  # hosted tools, by name
}
ENDPOINT_SECTIONS = {"chat": "chat", "images": "images", "speech": "speech",
                     "transcription": "transcription", "web_search": "tools",
                     "code_interpreter": "tools", "image_generation": "tools"}
MILLION = Decimal(1_000_000)
_IMAGE_KEY = re.compile(r"^[a-z]+\.\d+x\d+$")
_DATE_SUFFIXES = (re.compile(r"-\d{4}-\d{2}-\d{2}$"), re.compile(r"-\d{4}$"))
_TOML_LINE = re.compile(r"at line (\d+)")

Prices = dict[str, Decimal]


class PricingError(ValueError):
    """A pricing file that cannot be used; the message names the file and, if known, the line."""


def shipped_pricing_path() -> Path:
    return resources_dir() / "pricing.toml"


def user_pricing_path() -> Path:
    from playground.storage.paths import config_dir

    return config_dir() / "pricing.toml"


@dataclass(frozen=True)
class PriceBook:
    entries: dict[str, dict[str, Prices]]  # section -> model -> field -> dollars
    date: str = ""
    source: str = ""
    problem: str | None = None  # why the user's file was ignored, for the preferences page
    user_models: frozenset[str] = field(default_factory=frozenset)
    maintained: bool = True  # token prices from genai-prices (tests of the table alone: False)

    def prices(self, section: str, model: str) -> Prices | None:
        table = self.entries.get(section, {})
        for name in model_name_candidates(model):
            if name in table:
                return table[name]
        return None

    def cost(self, record: UsageRecord) -> Decimal | None:
        """Dollars for the request, or None when the model (or size/quality) has no price.

        The user's own pricing.toml wins; then genai-prices for anything billed by the token;
        then the shipped table for what is billed per image, minute or character. A local
        server costs nothing unless the user priced the model.
        """
        if record.endpoint == "file_search":  # the calls of a reply, priced per call
            from playground.usage.tool_pricing import file_search_cost

            return file_search_cost(self, record.model, record.tool_calls)
        if record.endpoint == "realtime":
            return _realtime_cost(record)
        section = ENDPOINT_SECTIONS.get(record.endpoint)
        if section == "tools":  # hosted tool calls: billed per call, not per token
            from playground.usage.tool_pricing import tool_cost

            return Decimal(0) if record.free else tool_cost(self, record)
        names = model_name_candidates(record.model)
        user_priced = section is not None and any(
            f"{section}.{name}" in self.user_models for name in names)
        if record.free and not user_priced:
            return Decimal(0)
        # Speech and transcription tokens are audio tokens, which the record does not tell
        # apart from text: those stay with the per-unit table.
        if section == "chat" and not user_priced and self.maintained:
            from playground.usage.genai_pricing import token_cost

            found = token_cost(record, names)
            if found is not None:
                return found
        if section == "images" and not user_priced and self.maintained:
            found = self._image_cost_by_tokens(record, names)
            if found is not None:
                return found
        prices = self.prices(section, record.model) if section else None
        if prices is None:
            return None
        if section == "chat":
            if self.maintained and not {"input", "output"} <= prices.keys():
                from playground.usage.genai_pricing import token_rates

                prices = {**token_rates(names), **prices}  # the user's entries win
            return _token_cost(prices, record)
        if section == "images":
            each = prices.get(f"{record.image_quality or 'standard'}.{record.image_size}")
            return None if each is None else each * record.images
        if section == "speech":
            if record.prompt_tokens or record.completion_tokens:
                if "input" in prices:
                    return _token_cost(prices, record)
            if "per_1m_characters" in prices:
                return prices["per_1m_characters"] * record.characters / MILLION
            return None
        # transcription: tokens when the API reported them, else the audio's duration
        if (record.prompt_tokens or record.completion_tokens) and "input" in prices:
            return _token_cost(prices, record)
        if "per_minute" in prices:
            return prices["per_minute"] * Decimal(str(record.audio_seconds)) / 60
        return None


    def knows(self, section: str, model: str) -> bool:
        """Whether any price for `model` is known, whatever its size or quality (to tell
        "no price for this model" from "no price for this size")."""
        if self.prices(section, model) is not None:
            return True
        if self.maintained and section in ("chat", "images"):
            from playground.usage.genai_pricing import token_rates

            return bool(token_rates(model_name_candidates(model)))
        return False

    def _image_cost_by_tokens(self, record: UsageRecord, names: list[str]) -> Decimal | None:
        """GPT image models bill by the token: the usage a finished run returned, or for the
        estimate the tokens of its quality and size (OpenAI's table) at the model's price."""
        from playground.usage.genai_pricing import image_token_cost
        from playground.usage.image_output import image_output_tokens

        tokens = record.completion_tokens
        if not tokens:
            each = image_output_tokens(record.image_quality, record.image_size)
            tokens = each * record.images if each else 0
        if not tokens:
            return None
        return image_token_cost(record.prompt_tokens, tokens, names,
                                image_input_tokens=record.image_input_tokens,
                                text_output_tokens=record.text_output_tokens)


def _realtime_cost(record: UsageRecord) -> Decimal | None:
    """A realtime reply: text and audio tokens at their own prices (genai-prices), through
    voice_pricing, so the ledger shows what the Voice tab showed."""
    if record.free:
        return Decimal(0)
    from playground.model.voice import VoiceUsage
    from playground.usage.voice_pricing import voice_cost

    cached_text = max(0, record.cached_tokens - record.cached_audio_tokens)
    usage = VoiceUsage(
        input_text=max(0, record.prompt_tokens - record.audio_prompt_tokens),
        input_audio=record.audio_prompt_tokens, cached_text=cached_text,
        cached_audio=record.cached_audio_tokens,
        output_text=max(0, record.completion_tokens - record.audio_completion_tokens),
        output_audio=record.audio_completion_tokens)
    cost = voice_cost(record.model, usage)
    return cost.total if cost.known else None


def _token_cost(prices: Prices, record: UsageRecord) -> Decimal | None:
    if "input" not in prices or "output" not in prices:
        return None
    cached = min(record.cached_tokens, record.prompt_tokens)
    cached_price = prices.get("cached_input", prices["input"])
    # Reasoning tokens are already inside completion_tokens and billed as output.
    return ((record.prompt_tokens - cached) * prices["input"] + cached * cached_price
            + record.completion_tokens * prices["output"]) / MILLION


def model_name_candidates(model: str) -> list[str]:
    """The name, then without provider prefix / fine-tune wrapper / date: gpt-4o-2024-08-06 ->
    gpt-4o, openai/gpt-4o-mini -> gpt-4o-mini, ft:gpt-4o-mini:org::id -> gpt-4o-mini."""
    name = model.strip().lower()
    candidates = [name]
    name = name.rsplit("/", 1)[-1]
    if name.startswith("ft:"):
        name = name[3:].split(":", 1)[0]
    candidates.append(name)
    for suffix in _DATE_SUFFIXES:
        stripped = suffix.sub("", name)
        if stripped != name:
            candidates.append(stripped)
            break
    return list(dict.fromkeys(candidates))


def load_price_book(shipped: Path | None = None, user: Path | None = None) -> PriceBook:
    """Shipped prices overridden entry by entry by the user's file, if it exists and is valid.

    A broken shipped file raises PricingError (a packaging bug); a broken user file is reported
    in `problem` and ignored.
    """
    shipped = shipped or shipped_pricing_path()
    base = parse_pricing(_read(shipped), shipped)
    meta = base.pop("meta", {})
    if user is None or not user.exists():
        return PriceBook(base, str(meta.get("date", "")), str(meta.get("source", "")))
    try:
        override = parse_pricing(_read(user), user)
    except PricingError as exc:
        return PriceBook(base, str(meta.get("date", "")), str(meta.get("source", "")),
                         problem=f"{exc} The shipped prices are used instead.")
    override.pop("meta", None)
    models = set()
    for section, table in override.items():
        for model, prices in table.items():
            base.setdefault(section, {}).setdefault(model, {}).update(prices)
            models.add(f"{section}.{model}")
    return PriceBook(base, str(meta.get("date", "")), str(meta.get("source", "")),
                     user_models=frozenset(models))


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PricingError(f"Cannot read the pricing file {path}: {exc}.") from exc


def parse_pricing(text: str, path: Path) -> dict[str, Any]:
    try:
        raw = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None) or _line_from_message(str(exc))
        where = f", line {line}" if line else ""
        raise PricingError(f"The pricing file {path}{where} is not valid TOML: {exc}.") from exc
    result: dict[str, Any] = {"meta": raw.pop("meta", {})}
    for section, table in raw.items():
        if section not in SECTIONS or not isinstance(table, Mapping):
            raise PricingError(f"The pricing file {path}, line {_line_of(text, section)}: "
                               f"unknown section [{section}] (expected one of "
                               f"{', '.join(SECTIONS)}).")
        result[section] = {}
        for model, prices in table.items():
            where = f"The pricing file {path}, line {_line_of(text, section, model)}"
            if not isinstance(prices, Mapping):
                raise PricingError(f'{where}: [{section}."{model}"] must be a table of prices.')
            result[section][model.lower()] = _validated(section, prices, where, model)
    return result


def _validated(section: str, prices: Mapping[str, Any], where: str, model: str) -> Prices:
    checked: Prices = {}
    for key, value in prices.items():
        known = _IMAGE_KEY.match(key) if section == "images" else key in SECTIONS[section]
        if not known:
            expected = ('"<quality>.<width>x<height>"' if section == "images"
                        else ", ".join(sorted(SECTIONS[section])))
            raise PricingError(f'{where}: unknown price "{key}" for {model} (expected '
                               f"{expected}).")
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            raise PricingError(f'{where}: the price "{key}" of {model} must be a number of '
                               f"dollars, not {value!r}.")
        if value < 0:
            raise PricingError(f'{where}: the price "{key}" of {model} is negative.')
        checked[key] = Decimal(value)
    return checked


def _line_from_message(message: str) -> int | None:
    match = _TOML_LINE.search(message)
    return int(match.group(1)) if match else None


def _line_of(text: str, section: str, model: str | None = None) -> int | str:
    """The line of a table header, to point the user at it ("?" when written another way)."""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped.startswith(f"[{section}"):
            continue
        if model is None or model in stripped:
            return number
    return "?"
