"""model.capabilities read from the shipped catalog (generated from the installed SDK)."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import typing
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest
from openai.types import ImageModel
from openai.types.audio import SpeechModel
from openai.types.shared import ChatModel

from playground.model import catalog_data
from playground.model.capabilities import Endpoint, ModelKind, model_info

ROOT = Path(__file__).resolve().parents[3]
TODAY = dt.date(2026, 11, 28)


def test_every_sdk_literal_is_in_the_catalog() -> None:
    models = catalog_data.models()
    for literal in (ChatModel, ImageModel, SpeechModel):
        missing = [n for n in typing.get_args(literal) if n not in models]
        assert not missing, f"run scripts/update_models.py: {missing}"


def test_gpt_6_is_a_reasoning_model_with_its_window() -> None:
    info = model_info("gpt-6.1-sol")
    assert info.kind is ModelKind.CHAT and info.reasoning and info.known
    assert info.context_window == 1_050_000  # genai-prices' figure
    assert info.max_output is None  # no source states it: unknown, not invented
    assert info.apis == (Endpoint.CHAT, Endpoint.RESPONSES)
    assert info.shutdown_date is None and not info.retired(TODAY)
    assert "temperature" not in info.params and info.accepts("reasoning_effort")


def test_a_newer_family_member_is_guessed_from_its_family() -> None:
    info = model_info("gpt-6.3-nova")
    assert info.guessed and info.family == "gpt-6" and info.reasoning
    assert info.context_window is None


def test_local_models_are_chat_with_an_unknown_window() -> None:
    for name in ("llama3.2:3b", "qwen2.5:7b-instruct", "mistral"):
        info = model_info(name)
        assert info.kind is ModelKind.CHAT and info.guessed
        assert info.context_window is None and not info.reasoning
        assert info.accepts("temperature")


@pytest.mark.parametrize(("name", "kind"), [
    ("Systran/faster-whisper-large-v3", ModelKind.TRANSCRIPTION),
    ("piper-en_US-lessac", ModelKind.SPEECH),
    ("nomic-embed-text", ModelKind.EMBEDDING),
    ("stable-diffusion-xl", ModelKind.IMAGE),
    ("babbage-002", ModelKind.OTHER),
    ("gpt-4o-mini-tts-2099-01-01", ModelKind.SPEECH),
])
def test_obviously_other_names_are_not_chat(name: str, kind: ModelKind) -> None:
    assert model_info(name).kind is kind


def test_retirement_dates_come_from_the_sdk_docstrings() -> None:
    gpt5 = model_info("gpt-5")
    assert gpt5.shutdown_date == dt.date(2026, 12, 11) and gpt5.retiring(TODAY)
    assert gpt5.successor == "gpt-5.5"
    assert model_info("dall-e-3").shutdown_date == dt.date(2026, 5, 12)  # prose date
    assert model_info("dall-e-3").retired(TODAY)
    # The SDK names this successor itself ("Use gpt-image-2.5-sunburst ... instead").
    assert model_info("gpt-image-1").successor == "gpt-image-2.5-sunburst"
    assert model_info("tts-1").shutdown_date == dt.date(2027, 1, 6)
    assert model_info("gpt-5.1-mini").unsupported and model_info("gpt-5.1-mini").retired(TODAY)


def test_relay_and_fine_tune_names_resolve() -> None:
    assert model_info("openai/gpt-4o").context_window == 128_000
    assert model_info("ft:gpt-4o-mini:acme::abc").family == "gpt-4o"
    assert model_info("gpt-5.5-2099-01-01").family == "gpt-5.5"  # an unknown snapshot


def test_image_and_speech_options_per_model() -> None:
    sunburst = model_info("gpt-image-2.5-sunburst-2026-09-08").image
    assert sunburst is not None and "max" in sunburst.qualities and sunburst.custom_sizes
    mini = model_info("gpt-image-1-mini").image
    assert mini is not None and mini.input_fidelity == ("low",) and not mini.custom_sizes
    tts = model_info("tts-1").speech
    assert tts is not None and not tts.instructions and not tts.sse
    mini_tts = model_info("gpt-4o-mini-tts").speech
    assert mini_tts is not None and mini_tts.instructions and mini_tts.sse
    assert "marin" in catalog_data.voices()
    assert catalog_data.all_reasoning_efforts()[-1] == "max"


def test_reasoning_efforts_known_or_unknown() -> None:
    assert model_info("gpt-5").reasoning_efforts == ("minimal", "low", "medium", "high")
    assert model_info("gpt-5.2").reasoning_efforts is not None
    assert "xhigh" in (model_info("gpt-5.2").reasoning_efforts or ())
    assert model_info("gpt-6-astra").reasoning_efforts is None  # no source: unknown


def test_the_catalog_loads_fast() -> None:
    code = ("import time; t = time.perf_counter(); "
            "from playground.model import catalog_data; catalog_data.catalog(); "
            "print(time.perf_counter() - t)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    assert float(out.stdout) < 0.05  # ~4 ms on the dev machine; generous for slow CI


def test_the_shipped_file_is_what_the_script_writes() -> None:
    data = json.loads((ROOT / "playground/model/data/models.json").read_text("utf-8"))
    try:
        installed = version("genai-prices")
    except PackageNotFoundError:
        pytest.skip("genai-prices is not installed: the windows cannot be compared")
    if installed != data["sources"]["genai_prices"]:
        pytest.skip(f"genai-prices {installed} installed, the file was made with another")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}
    out = subprocess.run([sys.executable, "scripts/update_models.py", "--check"],
                         capture_output=True, text=True, cwd=ROOT, env=env)
    assert out.returncode == 0, "stale: run scripts/update_models.py\n" + out.stderr
