"""Audio failures carry a message written for the user."""

from __future__ import annotations


class AudioError(Exception):
    """Something the user can act on: a bad file, a missing or busy device."""


class AudioFileError(AudioError):
    pass


class AudioDeviceError(AudioError):
    pass
