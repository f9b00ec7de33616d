"""The shared reading and parsing machinery: encodings, delimiters, headers, IPEDS and BLS cell conventions."""

import pytest

from imports.importers.cip import parse_cip
from imports.importers.parsers import decimal, floating, integer, normalize_header, us_date
from imports.importers.readers import detect_encoding, read_delimited


def test_encodings_are_detected(fixtures_dir):
    assert detect_encoding(fixtures_dir / "ipeds-hd" / "hd2022.csv") == "cp1252"
    assert detect_encoding(fixtures_dir / "ipeds-hd" / "hd2023.csv") == "utf-8-sig"
    assert detect_encoding(fixtures_dir / "ipeds-completions" / "c2023_a.csv") == "utf-8"


def test_windows_1252_and_bom_files_read_the_same_name(fixtures_dir):
    names = []
    for name in ("hd2022.csv", "hd2023.csv"):
        table = read_delimited(fixtures_dir / "ipeds-hd" / name)
        rows = list(table.rows)
        table.close()
        assert rows[0][1][0] == "UNITID"  # no byte-order mark left on the first header
        names.append(rows[2][1][1])
    assert names == ["Colegio Técnico de Salud", "Colegio Técnico de Salud"]


def test_pipe_and_tab_delimiters_are_detected(fixtures_dir):
    table = read_delimited(fixtures_dir / "zcta" / "2025_Gaz_zcta_national.txt")
    header = next(table.rows)[1]
    table.close()
    assert header[0] == "GEOID" and normalize_header(header[-1]) == "INTPTLONG"


def test_quoted_values_spanning_lines_keep_their_first_line_number(fixtures_dir):
    table = read_delimited(fixtures_dir / "cip" / "CIPCode2020.csv")
    lines = {values[1]: line for line, values in table.rows}
    table.close()
    assert lines["51.0707"] == 4
    assert lines["51.0710"] == 6  # the definition before it runs over two lines


@pytest.mark.parametrize("raw", ["-1", "-2", "-3", " -2", ""])
def test_ipeds_negative_codes_become_null(raw):
    assert integer(ipeds_negative_null=True)(raw) is None


def test_numbers_keep_their_meaning():
    assert integer()("1,234") == 1234
    assert integer()(182640.0) == 182640
    assert decimal(2)("26.4") == decimal(2)(26.40)
    assert floating()("-86.512345") == -86.512345
    with pytest.raises(ValueError, match="'12A' is not a whole number"):
        integer()("12A")
    with pytest.raises(ValueError, match="'north' is not a number"):
        floating()("north")


def test_ipeds_dates():
    assert str(us_date()("06/30/2023")) == "2023-06-30"
    assert us_date()("-2") is None
    assert us_date()("00/00/0000") is None
    with pytest.raises(ValueError, match="is not a date"):
        us_date()("2023-31-12")


def test_cip_codes_keep_leading_zeros():
    assert parse_cip("01.0101") == "01.0101"
    assert parse_cip('="01.0101"') == "01.0101"
    assert parse_cip(1.0101) == "01.0101"
    with pytest.raises(ValueError, match="is not a CIP code"):
        parse_cip("51.071")
