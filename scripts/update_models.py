"""Regenerate playground/model/data/models.json from the installed openai SDK.

Sources, in order of authority:
1. the SDK's model Literals (typing.get_args): which names exist and on which endpoint;
2. the SDK's docstrings (read with ast, every file under openai/types): "Deprecated values"
   blocks give shutdown dates (and, for a few, a successor); image parameter docstrings give
   per-model sizes and qualities;
3. genai-prices' offline snapshot (if importable): context windows;
4. tiktoken's model table: the encoding for local token counts;
5. scripts/models_curated.toml: what none of the above says (clearly marked there).

Run: PYTHONPATH=. .venv/bin/python scripts/update_models.py [--check]
(--check exits 1 when the shipped file differs from what the sources give now).
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import importlib
import json
import re
import sys
import tomllib
import typing
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "playground" / "model" / "data" / "models.json"
CURATED = Path(__file__).resolve().parent / "models_curated.toml"
SHIPPED_ENCODINGS = ("o200k_base", "cl100k_base")  # playground/data/tiktoken holds only these
SAMPLING = ["temperature", "top_p", "frequency_penalty", "presence_penalty", "stop",
            "max_tokens", "seed", "logprobs"]
REASONING_PARAMS = ["max_completion_tokens", "reasoning_effort", "seed"]


def literal_names(tp: Any) -> list[str]:
    """Every string of a Literal, looking through Union/Optional/aliases (keeps SDK order)."""
    out: list[str] = []
    for arg in typing.get_args(tp):
        if isinstance(arg, str):
            out.append(arg)
        elif arg is not str and arg is not type(None):
            out.extend(n for n in literal_names(arg) if n not in out)
    return out


def field_names(module: str, cls: str, field: str) -> list[str]:
    owner = getattr(importlib.import_module(module), cls)
    if hasattr(owner, "model_fields"):  # a pydantic model: its resolved annotation
        return literal_names(owner.model_fields[field].annotation)
    return literal_names(typing.get_type_hints(owner)[field])


def sdk_endpoints() -> dict[str, list[str]]:
    from openai.types import (
        AudioModel,
        ChatModel,
        EmbeddingModel,
        ImageModel,
        ModerationModel,
        VideoModel,
    )
    from openai.types.audio import SpeechModel
    from openai.types.shared import ResponsesModel

    chat = literal_names(ChatModel)
    realtime = field_names("openai.types.realtime.realtime_session_create_request_param",
                           "RealtimeSessionCreateRequestParam", "model")
    live_stt = field_names("openai.types.realtime.audio_transcription", "AudioTranscription",
                           "model")
    live = field_names("openai.types.live.session_config", "SessionConfig", "model")
    return {
        "chat": chat,
        "responses": [n for n in literal_names(ResponsesModel)],
        "images": literal_names(ImageModel),
        "speech": literal_names(SpeechModel),
        "transcription": literal_names(AudioModel),
        "translation": translation_models(),
        "realtime": realtime + [n for n in live_stt + live if n not in realtime],
        "embeddings": literal_names(EmbeddingModel),
        "moderation": literal_names(ModerationModel),
        "video": literal_names(VideoModel),
    }


def sdk_root() -> Path:
    import openai

    return Path(openai.__file__).parent


def docstrings(root: Path) -> list[str]:
    """Every string constant under openai/types (docstrings of Literals and fields)."""
    out: list[str] = []
    for path in sorted((root / "types").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and len(node.value) > 40:
                out.append(node.value)
    return out


def translation_models() -> list[str]:
    root = sdk_root() / "types" / "audio" / "translation_create_params.py"
    text = " ".join(root.read_text(encoding="utf-8").split())
    match = re.search(r"Only `([\w.\-]+)`[^.]*is currently available", text)
    return [match.group(1)] if match else []


_ISO = re.compile(r"shutdown\s+date:\s*(\d{4}-\d{2}-\d{2})")
_PROSE = re.compile(r"(?:shut down|retired) on (\w+ \d{1,2}, \d{4})")
_USE = re.compile(r"Use `?([\w.\-]+)`?(?: or `?[\w.\-]+`?)? instead")


def deprecations(texts: list[str], known: set[str]) -> dict[str, dict[str, Any]]:
    """name -> {"shutdown": date, "successor": name, "unsupported": True} from the SDK."""
    found: dict[str, dict[str, Any]] = {}
    for text in texts:
        if "Deprecated values:" not in text:
            continue
        block = text.split("Deprecated values:", 1)[1]
        for bullet in re.split(r"\n\s*- ", "\n" + block)[1:]:
            flat = " ".join(bullet.split())
            head, _, rest = flat.partition('": ')
            names = [n for n in re.findall(r'"([^"]+)"', head + '"') if n in known]
            if not names:
                continue
            entry: dict[str, Any] = {}
            if m := _ISO.search(rest):
                entry["shutdown"] = m.group(1)
            elif m := _PROSE.search(rest):
                entry["shutdown"] = dt.datetime.strptime(m.group(1), "%B %d, %Y").date() \
                    .isoformat()
            if "Not a supported model ID" in rest:
                entry["unsupported"] = True
            if (m := _USE.search(rest)) and m.group(1) in known:
                entry["successor"] = m.group(1)
            for name in names:
                old = found.setdefault(name, {})
                if "shutdown" in old and "shutdown" in entry:
                    entry["shutdown"] = min(old["shutdown"], entry["shutdown"])
                old.update(entry)
    return found


def _snapshots(para: str, names: list[str]) -> list[str]:
    """Backticked image models in a paragraph, plus 'including their `DATE` snapshots'."""
    flat = " ".join(para.split())
    picked = [n for n in re.findall(r"`([\w.\-]+)`", flat) if n in names]
    if m := re.search(r"including their `(\d{4}-\d{2}-\d{2})` snapshots", flat):
        picked += [f"{n}-{m.group(1)}" for n in list(picked) if f"{n}-{m.group(1)}" in names]
    return picked


def image_options(texts: list[str], names: list[str]) -> dict[str, dict[str, Any]]:
    """Per image model: sizes, qualities, backgrounds, input fidelity, from the SDK's
    images.generate/edit parameter docstrings."""
    from openai.types import image_generate_params as gen

    hints = typing.get_type_hints(gen.ImageGenerateParamsBase)
    sizes_all = literal_names(hints["size"])
    qualities_all = literal_names(hints["quality"])
    formats = literal_names(hints["output_format"])
    custom: set[str] = set()
    extra_quality: set[str] = set()
    fidelity: dict[str, list[str]] = {}
    for text in texts:
        for para in re.split(r"\n\s*\n", text):
            flat = " ".join(para.split())
            if "arbitrary resolutions are supported" in flat:
                custom.update(_snapshots(para, names))
            if "also support `xhigh` and `max`" in flat:
                extra_quality.update(_snapshots(para, names))
            if "Supports `high` and `low` on" in flat:
                for m in re.finditer(r"Supports `high` and `low` on `([\w.\-]+)`", flat):
                    fidelity[m.group(1)] = ["low", "high"]
                for m in re.finditer(r"`([\w.\-]+)` supports only `low`", flat):
                    fidelity[m.group(1)] = ["low"]
    out: dict[str, dict[str, Any]] = {}
    for name in names:
        if name.startswith("dall-e"):
            # The SDK keeps the DALL·E values only as deprecated; these models are retired.
            sizes = (["256x256", "512x512", "1024x1024"] if name == "dall-e-2"
                     else ["1024x1024", "1792x1024", "1024x1792"])
            quality = ["standard"] if name == "dall-e-2" else ["standard", "hd"]
            out[name] = {"sizes": sizes, "custom_sizes": False, "qualities": quality,
                         "backgrounds": [], "output_formats": [], "input_fidelity": []}
            continue
        quality = ["auto", "low", "medium", "high"]
        if name in extra_quality:
            quality += [q for q in ("xhigh", "max") if q in qualities_all]
        out[name] = {
            "sizes": [s for s in ("auto", "1024x1024", "1536x1024", "1024x1536")
                      if s in sizes_all],
            "custom_sizes": name in custom,
            "qualities": quality,
            "backgrounds": ["auto", "opaque", "transparent"],
            "output_formats": [f for f in ("png", "webp", "jpeg") if f in formats],
            "input_fidelity": fidelity.get(name, []),
        }
    return out


def speech_options() -> dict[str, Any]:
    from openai.types.audio import speech_create_params as sp

    hints = typing.get_type_hints(sp.SpeechCreateParams)
    # Field docstrings are not kept at run time: read them from the source.
    source = " ".join(Path(sp.__file__).read_text(encoding="utf-8").split())
    instr = re.search(r"Does not work with ((?:`[\w.\-]+`(?: or |, )?)+)", source)
    sse = re.search(r"`sse` is not supported for ((?:`[\w.\-]+`(?: or |, )?)+)", source)
    return {
        "voices": literal_names(hints["voice"]),
        "formats": literal_names(hints["response_format"]),
        "no_instructions": re.findall(r"`([\w.\-]+)`", instr.group(1)) if instr else [],
        "no_sse": re.findall(r"`([\w.\-]+)`", sse.group(1)) if sse else [],
    }


def context_windows(names: list[str]) -> tuple[dict[str, int], str]:
    try:
        from genai_prices import data as gp  # type: ignore[import-not-found]
    except ImportError:
        print("genai-prices not importable: context windows stay unknown", file=sys.stderr)
        return {}, ""
    from importlib.metadata import PackageNotFoundError, version

    try:
        gp_version = version("genai-prices")
    except PackageNotFoundError:
        gp_version = "snapshot"
    provider = next(p for p in gp.providers if p.id == "openai")
    out: dict[str, int] = {}
    for name in names:
        exact = [m for m in provider.models if m.id == name]
        model = exact[0] if exact else next((m for m in provider.models if m.is_match(name)),
                                            None)
        if model is not None and model.context_window:
            out[name] = int(model.context_window)
    return out, gp_version


def encoding(name: str) -> str:
    import tiktoken.model

    try:
        enc = tiktoken.model.encoding_name_for_model(name)
    except KeyError:
        return "o200k_base"  # every family since gpt-4o uses it
    return enc if enc in SHIPPED_ENCODINGS else "o200k_base"


def longest(prefixes: dict[str, Any], name: str) -> str | None:
    hits = [p for p in prefixes if name.startswith(p)]
    return max(hits, key=len) if hits else None


def build() -> dict[str, Any]:
    import openai
    from openai.types.shared.reasoning_effort import ReasoningEffort

    curated = tomllib.loads(CURATED.read_text(encoding="utf-8"))
    families: dict[str, dict[str, Any]] = curated["family"]
    successors: dict[str, str] = curated["successors"]
    endpoints = sdk_endpoints()
    order = list(endpoints)
    names: list[str] = []
    for group in endpoints.values():
        names += [n for n in group if n not in names]
    known = set(names)
    texts = docstrings(sdk_root())
    retiring = deprecations(texts, known)
    windows, gp_version = context_windows(names)
    images = image_options(texts, endpoints["images"])
    speech = speech_options()
    models: dict[str, Any] = {}
    for name in names:
        eps = [e for e in order if name in endpoints[e]]
        dep = retiring.get(name, {})
        entry: dict[str, Any] = {"endpoints": eps, "shutdown": dep.get("shutdown")}
        if dep.get("unsupported"):
            entry["unsupported"] = True
        fam = longest(families, name)
        succ = dep.get("successor") or (successors[k] if (k := longest(successors, name))
                                        else None)
        if succ and (dep.get("shutdown") or dep.get("unsupported")) and succ != name:
            entry["successor"] = succ
        if "chat" in eps or "responses" in eps:
            info = families.get(fam, {}) if fam else {}
            apis = [a for a in ("chat", "responses") if a in eps]
            if "apis" in info:
                apis = [a for a in info["apis"] if a in ("chat", "responses")]
            entry["endpoints"] = [e for e in eps if e not in ("chat", "responses")] + apis \
                if apis else eps
            entry["endpoints"] = sorted(entry["endpoints"], key=order.index)
            reasoning = bool(info.get("reasoning", False))
            entry.update({
                "family": fam or "",
                "reasoning": reasoning,
                "vision": bool(info.get("vision", False)),
                "max_output": info.get("max_output"),
                "efforts": info.get("efforts") if reasoning else None,
                "params": info.get("params", REASONING_PARAMS if reasoning else SAMPLING),
            })
        entry["context_window"] = windows.get(name)
        entry["encoding"] = encoding(name)
        if name in images:
            entry["image"] = images[name]
        if name in endpoints["speech"]:
            entry["speech"] = {"instructions": name not in speech["no_instructions"],
                               "sse": name not in speech["no_sse"]}
        models[name] = entry
    return {
        "about": "Generated by scripts/update_models.py; edit scripts/models_curated.toml.",
        "sources": {"openai": openai.__version__, "genai_prices": gp_version,
                    "curated": "scripts/models_curated.toml"},
        "endpoints": order,
        "reasoning_efforts": literal_names(ReasoningEffort),
        "voices": speech["voices"],
        "speech_formats": speech["formats"],
        "families": {p: {k: v for k, v in f.items()} for p, f in families.items()},
        "hints": curated["hints"],
        "models": models,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the file is stale")
    args = parser.parse_args()
    text = json.dumps(build(), indent=1, ensure_ascii=False) + "\n"
    if args.check:
        stale = not OUT.exists() or OUT.read_text(encoding="utf-8") != text
        print("stale" if stale else "up to date")
        return 1 if stale else 0
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {text.count(chr(10))} lines")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
