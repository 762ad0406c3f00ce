"""Keys found in the environment and in .env files, parsed as text and never executed."""

from __future__ import annotations

from pathlib import Path

from playground.dotenv_keys import FoundKey, find_keys, parse_dotenv

KEY_A = "sk-proj-AAAAaaaa1111"
KEY_B = "sk-BBBBbbbb2222"


def test_parse_handles_export_quotes_and_comments() -> None:
    text = (
        "# a comment\n"
        "\n"
        f"export OPENAI_API_KEY='{KEY_A}'\n"
        'OTHER="two words" # trailing comment\n'
        "PLAIN=abc#not-a-comment # but this is\n"
        "SPACED = value with spaces  \n"
        "not an assignment\n"
        "1BAD=x\n"
        "EMPTY=\n"
        'UNCLOSED="open\n'
    )
    assert parse_dotenv(text) == {
        "OPENAI_API_KEY": KEY_A, "OTHER": "two words", "PLAIN": "abc#not-a-comment",
        "SPACED": "value with spaces", "EMPTY": "", "UNCLOSED": "open",
    }


def test_parse_never_runs_anything(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    values = parse_dotenv(f"OPENAI_API_KEY=$(touch {marker})\nB=`touch {marker}`\n")
    assert not marker.exists()
    assert values["OPENAI_API_KEY"] == f"$(touch {marker})"


def test_later_assignment_wins() -> None:
    assert parse_dotenv(f"OPENAI_API_KEY=old-key-123\nOPENAI_API_KEY={KEY_B}\n")[
        "OPENAI_API_KEY"] == KEY_B


def test_find_keys_environment_first_then_env_files(tmp_path: Path) -> None:
    home, project = tmp_path / "user", tmp_path / "project"
    home.mkdir()
    project.mkdir()
    (home / ".env").write_text(f"OPENAI_API_KEY={KEY_B}\n")
    (project / ".env").write_text(f'export OPENAI_API_KEY="{KEY_A}"\n')  # same as env
    found = find_keys({"OPENAI_API_KEY": KEY_A}, [home, project])
    assert found == [FoundKey(KEY_A, "environment"), FoundKey(KEY_B, str(home / ".env"))]


def test_find_keys_skips_missing_unreadable_and_implausible(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / ".env").write_text("OPENAI_API_KEY=short\n")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / ".env").mkdir()  # a folder named .env
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / ".env").write_bytes(b"\xff\xfeOPENAI_API_KEY=" + KEY_A.encode() + b"\n")
    found = find_keys({"OPENAI_API_KEY": "  "}, [tmp_path / "a", tmp_path / "b",
                                                   tmp_path / "missing", tmp_path / "c"])
    assert found == []  # "\xff\xfe" garbles the name on the first line, so no key there


def test_same_folder_twice_is_read_once(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(f"OPENAI_API_KEY={KEY_B}\n")
    assert len(find_keys({}, [tmp_path, tmp_path])) == 1


def test_key_never_in_repr_and_masked_shows_last_four() -> None:
    found = FoundKey(KEY_A, "environment")
    assert KEY_A not in repr(found)
    assert found.masked == "…1111"
