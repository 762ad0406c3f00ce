"""Composition root: parse the command line, then hand over to the GUI (or the doctor).

Kept tiny and import-light: the window must paint before the SDK, the audio stack or
markdown are imported.
"""

from __future__ import annotations

import argparse
import sys
import time

from playground import APP_NAME, __version__

T0 = time.perf_counter()  # process start as seen by Python, for the first-paint measurement


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="playground", description=APP_NAME)
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    parser.add_argument("--doctor", action="store_true",
                        help="check keyring, audio, Qt, SDK and the server, and say what to fix")
    parser.add_argument("--profile", help="start with this profile")
    args, _qt_args = parser.parse_known_args(argv)
    return args


def main(argv: list[str] | None = None) -> int:
    args = _parse(sys.argv[1:] if argv is None else argv)
    if args.version:
        print(f"{APP_NAME} {__version__}")
        return 0
    if args.doctor:
        from playground.doctor import run_doctor

        return run_doctor()
    from playground.ui.application import run_gui

    return run_gui(args, T0)


if __name__ == "__main__":
    raise SystemExit(main())
