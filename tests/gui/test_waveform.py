"""WaveformView: its length is the audio's, however the samples arrive."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from playground.ui.widgets.waveform import WaveformView

RATE = 24_000


@pytest.mark.parametrize("chunk", [600, 1024, 2400, 4096])
def test_streamed_chunks_add_up_to_the_clip_length(qtbot: Any, chunk: int) -> None:
    """Each chunk's partial 10 ms bin used to count as a whole one: 25 ms chunks drew the
    clip 3/2.5 as long, so the playhead stopped at ~85 % when the audio ended."""
    view = WaveformView()
    qtbot.addWidget(view)
    samples = np.sin(np.arange(RATE * 3) / 10).astype(np.float32)  # 3 s
    for start in range(0, len(samples), chunk):
        view.append_samples(samples[start:start + chunk], RATE)
    assert view.seconds == pytest.approx(3.0, abs=0.011)
    whole = WaveformView()
    qtbot.addWidget(whole)
    whole.set_samples(samples, RATE)
    assert whole.seconds == pytest.approx(3.0, abs=0.011)


def test_playhead_at_the_end_reaches_the_right_edge(qtbot: Any) -> None:
    view = WaveformView()
    qtbot.addWidget(view)
    view.resize(300, 80)
    samples = np.ones(RATE * 2, dtype=np.float32)
    for start in range(0, len(samples), 600):
        view.append_samples(samples[start:start + 600], RATE)
    view.set_playhead(2.0)
    assert view.played_columns(300) == 300
