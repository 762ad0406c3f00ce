"""A real crash: a process streaming a reply into the history is SIGKILLed mid-stream."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from playground.storage.history import History, MessageStatus

_WRITER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from playground.storage.history import History, MessageStatus

    history = History(Path(sys.argv[1]))
    chat = history.create_conversation("crash test")
    history.add_message(chat.id, "user", "tell me a long story")
    reply = history.add_message(chat.id, "assistant", status=MessageStatus.STREAMING)
    text = ""
    for i in range(100000):
        text += f"chunk{i} "
        history.update_message_content(reply.id, text)
        print(i, flush=True)  # only after the write returned
        time.sleep(0.05)
""")


def test_sigkill_mid_stream_keeps_what_was_written(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    root = Path(__file__).resolve().parents[3]
    env = {**os.environ, "PYTHONPATH": str(root)}
    writer = subprocess.Popen([sys.executable, "-c", _WRITER, str(path)], env=env,
                              stdout=subprocess.PIPE, text=True)
    assert writer.stdout is not None
    try:
        acknowledged = -1
        while acknowledged < 12:
            line = writer.stdout.readline()
            assert line, "the writer exited early"
            acknowledged = int(line)
        writer.send_signal(signal.SIGKILL)
        assert writer.wait(timeout=10) == -signal.SIGKILL
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait()
        writer.stdout.close()

    history = History(path)
    try:
        assert history.recovered_interrupted == 1
        chat = history.list_conversations()[0]
        user, reply = history.load_messages(chat.id)
        assert user.content == "tell me a long story"
        assert reply.status == MessageStatus.INTERRUPTED
        expected = "".join(f"chunk{i} " for i in range(acknowledged + 1))
        assert reply.content.startswith(expected)  # every acknowledged write survived
        # ...and at most the one write in flight when the signal landed comes on top.
        assert len(reply.content) <= len(expected) + len(f"chunk{acknowledged + 1} ")
        assert history.search(f"chunk{acknowledged}")[0].message_id == reply.id
    finally:
        history.close()
