"""Rows for batch runs: CSV and JSONL, and every way a file can be unusable."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from playground.storage.batch_rows import RowsError, check_rows, parse_csv, parse_jsonl, read_rows


def test_csv_with_a_bom_gives_named_rows(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_bytes("\ufeffcity,country\nParis,France\n\n\"Rio, de\",Brazil\n".encode())
    rows = read_rows(path)
    assert rows.columns == ["city", "country"]
    assert rows.values == [{"city": "Paris", "country": "France"},
                           {"city": "Rio, de", "country": "Brazil"}]
    assert rows.lines == [2, 4]


def test_jsonl_values_become_text(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text('{"city": "巴黎", "n": 3}\n\n{"city": "Rome", "tags": ["a"], "x": null}\n',
                    encoding="utf-8")
    rows = read_rows(path)
    assert rows.columns == ["city", "n", "tags", "x"]
    assert rows.values == [{"city": "巴黎", "n": "3"}, {"city": "Rome", "tags": '["a"]', "x": ""}]
    assert rows.lines == [1, 3]


def test_an_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text('{"a": "1"}\n', encoding="utf-8")
    (tmp_path / "b.txt").write_text("a\n1\n", encoding="utf-8")
    assert read_rows(tmp_path / "a.txt").values == [{"a": "1"}]
    assert read_rows(tmp_path / "b.txt").values == [{"a": "1"}]


@pytest.mark.parametrize("text", ["", "   \n\n", "\ufeff"])
def test_an_empty_csv_says_so(text: str) -> None:
    with pytest.raises(RowsError, match="The file is empty"):
        parse_csv(text)


def test_an_empty_jsonl_says_so() -> None:
    with pytest.raises(RowsError, match="The file is empty"):
        parse_jsonl("\n \n")


def test_a_header_without_rows_says_so() -> None:
    with pytest.raises(RowsError, match="header row but no rows"):
        parse_csv("city,country\n")


def test_a_malformed_jsonl_line_is_named_with_the_json_error() -> None:
    with pytest.raises(RowsError) as caught:
        parse_jsonl('{"a": "1"}\n{"a": "2",}\n')
    assert str(caught.value).startswith("Line 2 is not valid JSON: ")
    assert "column 11" in str(caught.value)


def test_a_jsonl_line_that_is_not_an_object_is_named() -> None:
    with pytest.raises(RowsError, match="Line 1 is not a JSON object"):
        parse_jsonl('["a", "b"]\n')


def test_a_csv_row_with_too_many_values_is_named() -> None:
    with pytest.raises(RowsError, match="Line 3 has 3 values but the header names 2 columns"):
        parse_csv("a,b\n1,2\n1,2,3\n")


def test_a_blank_or_repeated_header_is_named() -> None:
    with pytest.raises(RowsError, match="no name for column 2"):
        parse_csv("a,,c\n1,2,3\n")
    with pytest.raises(RowsError, match="more than once: a"):
        parse_csv("a,b,a\n1,2,3\n")


def test_bad_csv_quoting_is_named() -> None:
    # An unterminated quote would otherwise swallow every later row into one value.
    with pytest.raises(RowsError, match="Line 2 is not valid CSV: unexpected end of data"):
        parse_csv('a,b\n"1,2\n3,4\n')
    with pytest.raises(RowsError, match="Line 3 is not valid CSV: ',' expected"):
        parse_csv('a,b\n1,2\n"3"x,4\n')


def test_text_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_bytes("city\nZürich\n".encode("latin-1"))
    with pytest.raises(RowsError, match=r"rows\.csv is not UTF-8 text"):
        read_rows(path)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(RowsError, match=r"Cannot read .*nothing\.csv"):
        read_rows(tmp_path / "nothing.csv")


def test_missing_columns_are_all_named_before_running() -> None:
    rows = parse_csv("city\nParis\n")
    with pytest.raises(RowsError) as caught:
        check_rows(rows, ["city", "country", "tone"])
    assert "no column for country, tone" in str(caught.value)
    assert "Its columns: city" in str(caught.value)


def test_rows_lacking_a_variable_are_named_by_line() -> None:
    rows = parse_jsonl('{"city": "Paris", "tone": "dry"}\n{"city": "Rome"}\n'
                       + '{"tone": "warm"}\n' * 7)
    with pytest.raises(RowsError) as caught:
        check_rows(rows, ["city", "tone"])
    message = str(caught.value)
    assert "line 2 lacks tone" in message and "line 3 lacks city" in message
    assert "and 3 more rows" in message  # 8 rows lack one; the first 5 are named


def test_a_short_csv_row_lacks_its_last_columns() -> None:
    rows = parse_csv("city,tone\nParis,dry\nRome\n")
    with pytest.raises(RowsError, match="line 3 lacks tone"):
        check_rows(rows, ["city", "tone"])
    check_rows(rows, ["city"])  # the prompt does not use tone: fine


def test_ten_thousand_rows_parse_fast(tmp_path: Path) -> None:
    csv_path = tmp_path / "big.csv"
    csv_path.write_text("city,country,note\n" + "".join(
        f"City {i},Country {i},\"a note, with a comma {i}\"\n" for i in range(10_000)),
        encoding="utf-8")
    jsonl_path = tmp_path / "big.jsonl"
    jsonl_path.write_text("".join(f'{{"city": "City {i}", "n": {i}}}\n' for i in range(10_000)),
                          encoding="utf-8")
    start = time.perf_counter()
    rows = read_rows(csv_path)
    check_rows(rows, ["city", "country"])
    other = read_rows(jsonl_path)
    check_rows(other, ["city", "n"])
    elapsed = time.perf_counter() - start
    assert len(rows) == len(other) == 10_000
    assert rows.values[-1]["note"] == "a note, with a comma 9999"
    assert elapsed < 1.0, elapsed
