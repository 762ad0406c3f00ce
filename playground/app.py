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
    parser.add_argument("--install-desktop-entry", action="store_true",
                        help="add the app to the desktop's launcher (~/.local/share)")
    parser.add_argument("--uninstall-desktop-entry", action="store_true",
                        help="remove the app from the desktop's launcher")
    args, _qt_args = parser.parse_known_args(argv)
    return args


def main(argv: list[str] | None = None) -> int:
    args = _parse(sys.argv[1:] if argv is None else argv)
    if args.version:
        print(f"{APP_NAME} {__version__}")
        return 0
    if args.install_desktop_entry or args.uninstall_desktop_entry:
        from playground.desktop_entry import INSTALL_FLAG, UNINSTALL_FLAG, main_install

        return main_install(INSTALL_FLAG if args.install_desktop_entry else UNINSTALL_FLAG)
    if args.doctor:
        return _doctor(args.profile)
    from playground.ui.application import run_gui

    return run_gui(args, T0)


def _doctor(profile_name: str | None) -> int:
    """`--doctor` checks the active (or named) profile with the key the app would use."""
    import asyncio

    from playground.doctor import active_profile, run_doctor, unknown_profile
    from playground.settings import Settings
    from playground.storage.profiles import ProfileStore
    from playground.storage.secrets import SecretStore, SecretsUnavailable

    store = ProfileStore(Settings().raw())
    profile = store.get(profile_name) if profile_name else None
    if profile_name and profile is None:  # a typo must not check another profile instead
        print(unknown_profile(profile_name, store.names()), file=sys.stderr)
        return 2
    profile = profile or active_profile()
    try:
        key = asyncio.run(SecretStore(timeout=5).get(profile.name))
    except SecretsUnavailable:
        key = None  # the keyring check reports why
    return run_doctor(profile, key)


if __name__ == "__main__":
    raise SystemExit(main())
