"""Qt-free audio: streaming playback, recording to disk, codecs, upload preparation.

PortAudio callbacks here only touch numpy buffers and plain attributes; the UI polls
`position`/`level` with a timer instead of being called from audio threads.
"""
