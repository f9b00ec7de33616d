"""Damaged files are refused whole (issue 12): exit status 1, one line naming file (and line and column where
there is one), and every table byte-for-byte as it was, in a dry run and a real run alike. The files are made up
here, in the publishers' formats."""

import random
import zipfile

import pytest
from django.core.exceptions import ImproperlyConfigured

from imports.importers.base import Importer
from imports.importers.bulk import check_plain_model, insert_rows
from imports.models import ImportRun
from tests.imports.conftest import write_xlsx
from tests.imports.damage import run_command, table_digests

pytestmark = pytest.mark.django_db

HEADER = "UNITID,INSTNM,ADDR,CITY,STABBR,ZIP,WEBADDR,SECTOR,ICLEVEL,CONTROL,DEATHYR,CLOSEDAT,CYACTIVE,LONGITUD,LATITUDE"
ROWS = [
    '100001,"Riverbend College, Main Campus",100 River Road,Montgomery,AL,36104,riverbend.example,4,2,1,-2,-2,1,'
    "-86.2862,32.3959",
    "100002,Harbor City Medical Careers,9 Pier Street,Mobile,AL,36602,harbor.example,9,3,3,-2,-2,1,-88.0399,30.6954",
    '100007,Made-up Valley Institute,3 Valley Road,Denver,CO,80202,valley.example,9,3,3,-2,-2,1,-104.9903,"39.7392"',
]
GOOD = HEADER + "\r\n" + "\r\n".join(ROWS) + "\r\n"
DRY_OR_REAL = pytest.mark.parametrize("mode", [(), ("--dry-run",)], ids=["real run", "dry run"])


def without_column(text, name):
    lines = [line.split(",") for line in text.splitlines()]
    index = lines[0].index(name)
    return "\r\n".join(",".join(cells[:index] + cells[index + 1 :]) for cells in lines) + "\r\n"


# name -> (the file's bytes, the one-line reason)
CSV_DAMAGE = {
    "short row": (GOOD.replace(",AL,36602,", ",36602,").encode(),
                  "hd2024.csv:3: the row has 14 fields, the header has 15; the file is damaged or cut short"),
    "long row": (GOOD.replace(",AL,36602,", ",AL,AL,36602,").encode(),
                 "hd2024.csv:3: the row has 16 fields, the header has 15; the file is damaged or cut short"),
    "cut mid-row": (GOOD.encode()[: GOOD.rindex(",-88.0399") + 3],
                    "hd2024.csv:3: the row has 14 fields, the header has 15; the file is damaged or cut short"),
    "cut in the last field": (GOOD.encode()[:-4],
                              "hd2024.csv:4: a quoted field is never closed; the file looks cut short"),
    "cut without a final line end": (GOOD.replace('"39.7392"', "39.7392").encode()[:-4],
                                     "hd2024.csv:4: the file ends in the middle of this row; it looks cut short"),
    "missing LATITUDE": (without_column(GOOD, "LATITUDE").encode(), "hd2024.csv: column LATITUDE is missing"),
    "missing two columns": (without_column(without_column(GOOD, "CLOSEDAT"), "ZIP").encode(),
                            "hd2024.csv: columns ZIP, CLOSEDAT are missing"),
    "UTF-16 with a byte-order mark": (GOOD.encode("utf-16"),
                                      "hd2024.csv: looks like UTF-16 text; save it as UTF-8 or Latin-1"),
    "UTF-16 without a byte-order mark": (GOOD.encode("utf-16-le"),
                                         "hd2024.csv: looks like UTF-16 text; save it as UTF-8 or Latin-1"),
    "NUL byte in a name": (GOOD.replace("Harbor City", "Harbor\x00City").encode(),
                           "1 row(s) rejected; nothing was imported"),
    "random bytes": (random.Random(12).randbytes(4096),
                     "hd2024.csv: is not a text file (it holds binary data); give the CSV or text file itself"),
    "neither UTF-8 nor Windows-1252": (GOOD.replace("Harbor", "Harb\x81r").encode("latin-1"),
                                       "hd2024.csv:3: is not readable as UTF-8 or Windows-1252 (Latin-1) text; "
                                       "save it as UTF-8"),
}  # fmt: skip


@pytest.fixture
def loaded(base_data):
    """CIP codes, the crosswalk and the made-up 2023 directory: tables with rows a bad import could change."""
    return table_digests()


@DRY_OR_REAL
@pytest.mark.parametrize("damage", list(CSV_DAMAGE))
def test_a_damaged_csv_changes_nothing(loaded, tmp_path, damage, mode):
    content, reason = CSV_DAMAGE[damage]
    path = tmp_path / "hd2024.csv"
    path.write_bytes(content)
    status, said = run_command("ipeds-hd", str(path), *mode)
    assert (status, said) == (1, reason)
    assert table_digests() == loaded


def test_a_nul_byte_is_named_by_line_and_column_and_never_stored(loaded, tmp_path):
    path = tmp_path / "hd2024.csv"
    path.write_bytes(GOOD.replace("Harbor City", "Harbor\x00City").encode())
    assert run_command("ipeds-hd", str(path))[0] == 1
    run = ImportRun.objects.get(dataset="ipeds-hd", file_name="hd2024.csv")
    assert "hd2024.csv:3: INSTNM: contains a NUL byte" in run.report
    assert not any("\x00" in str(value) for value in ImportRun.objects.values_list("report", "source", "file_name"))
    assert table_digests() == loaded


def test_a_dry_run_reports_what_the_real_run_does(loaded, tmp_path):
    """The same counts and the same report, for the undamaged file and for one with a bad row let in."""
    bad_latitude = GOOD.replace("30.6954", "north")
    for number, text in enumerate((GOOD, bad_latitude)):
        path = tmp_path / str(number) / "hd2024.csv"
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
        runs = []
        for mode in (("--dry-run",), ()):
            status, _ = run_command("ipeds-hd", str(path), "--max-rejects", "1", *mode)
            assert status == number  # the bad row is let in, and still makes the command exit 1
            runs.append(ImportRun.objects.order_by("-pk").first())
        dry, real = runs
        counts = ("created", "updated", "unchanged", "skipped", "rejected")
        assert [getattr(dry, name) for name in counts] == [getattr(real, name) for name in counts]
        assert dry.report.splitlines()[:-1] == real.report.splitlines()
        assert (dry.outcome, real.outcome) == ("dry_run", "succeeded")
    assert "hd2024.csv:3: LATITUDE: 'north' is not a number" in real.report


@DRY_OR_REAL
def test_an_oversized_field_is_refused(loaded, tmp_path, settings, mode):
    settings.IMPORT_MAX_CELL_CHARS = 1000
    path = tmp_path / "hd2024.csv"
    path.write_text(GOOD.replace("Harbor City", "Harbor City " + "x" * 5000), encoding="utf-8")
    assert run_command("ipeds-hd", str(path), *mode) == (
        1,
        "hd2024.csv:3: a field is longer than 1,000 characters (IMPORT_MAX_CELL_CHARS)",
    )
    assert table_digests() == loaded


@DRY_OR_REAL
def test_a_zip_member_over_the_limit_is_refused_before_it_is_read(loaded, tmp_path, settings, mode):
    settings.IMPORT_MAX_MEMBER_BYTES = 1024**2
    archive = tmp_path / "HD2024.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("hd2024.csv", GOOD + ROWS[1].replace("100002", "100009") * 20_000)
    assert run_command("ipeds-hd", str(archive), *mode) == (
        1,
        "HD2024.zip: hd2024.csv unpacks to more than 1 MB (IMPORT_MAX_MEMBER_BYTES); nothing was read",
    )
    assert table_digests() == loaded


def understate_size(archive, declared):
    """Rewrite a one-member zip so its headers say the member is ``declared`` bytes (a zip bomb's lie)."""
    data = bytearray(archive.read_bytes())
    local, central = data.find(b"PK\x03\x04"), data.rfind(b"PK\x01\x02")
    data[local + 22 : local + 26] = declared.to_bytes(4, "little")
    data[central + 24 : central + 28] = declared.to_bytes(4, "little")
    archive.write_bytes(bytes(data))


@DRY_OR_REAL
def test_a_zip_that_understates_its_member_is_refused(loaded, tmp_path, mode):
    archive = tmp_path / "HD2024.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("hd2024.csv", GOOD * 50)
    understate_size(archive, 1000)
    status, said = run_command("ipeds-hd", str(archive), *mode)
    assert status == 1
    assert said.startswith("HD2024.zip: not a readable zip archive (Bad CRC-32")
    assert table_digests() == loaded


CROSSWALK_HEADER = ["CIP2020Code", "CIP2020Title", "SOC2018Code", "SOC2018Title"]


def write_crosswalk(path, titles):
    rows = [["51.0707", "Made-up Records Technology.", f"29-{2000 + n:04d}", title] for n, title in enumerate(titles)]
    return write_xlsx(path, {"CIP-SOC": [CROSSWALK_HEADER, *rows]})


@DRY_OR_REAL
def test_an_xlsx_whose_shared_strings_are_over_the_limit_is_refused(loaded, tmp_path, settings, mode):
    settings.IMPORT_MAX_XLSX_SHARED_STRINGS_BYTES = 10_000
    path = write_crosswalk(tmp_path / "CIP2020_SOC2018_Crosswalk.xlsx", ["Made-up Records Specialists"])
    # openpyxl writes its strings inline; Excel keeps them in one shared part, which openpyxl reads whole.
    strings = "".join(f"<si><t>Made-up Occupation {n}</t></si>" for n in range(800))
    with zipfile.ZipFile(path, "a") as workbook:
        workbook.writestr("xl/sharedStrings.xml", f'<sst count="800" uniqueCount="800">{strings}</sst>')
    assert run_command("cip-soc", str(path), *mode) == (
        1,
        "CIP2020_SOC2018_Crosswalk.xlsx: xl/sharedStrings.xml unpacks to more than 10,000 bytes "
        "(IMPORT_MAX_XLSX_SHARED_STRINGS_BYTES); nothing was read",
    )
    assert table_digests() == loaded


@DRY_OR_REAL
def test_an_xlsx_member_over_the_limit_is_refused(loaded, tmp_path, settings, mode):
    settings.IMPORT_MAX_MEMBER_BYTES = 20_000
    path = write_crosswalk(tmp_path / "CIP2020_SOC2018_Crosswalk.xlsx", [f"Made-up Occupation {n}" for n in range(800)])
    assert run_command("cip-soc", str(path), *mode) == (
        1,
        "CIP2020_SOC2018_Crosswalk.xlsx: xl/worksheets/sheet1.xml unpacks to more than 20,000 bytes "
        "(IMPORT_MAX_MEMBER_BYTES); nothing was read",
    )
    assert table_digests() == loaded


@DRY_OR_REAL
def test_an_oversized_xlsx_cell_is_refused(loaded, tmp_path, settings, mode):
    settings.IMPORT_MAX_CELL_CHARS = 1000
    path = write_crosswalk(tmp_path / "CIP2020_SOC2018_Crosswalk.xlsx", ["Made-up Records Specialists", "x" * 5000])
    assert run_command("cip-soc", str(path), *mode) == (
        1,
        "CIP2020_SOC2018_Crosswalk.xlsx: xl/worksheets/sheet1.xml holds a cell longer than 1,000 characters "
        "(IMPORT_MAX_CELL_CHARS)",
    )
    assert table_digests() == loaded


def test_unknown_institutions_are_named_twenty_then_a_count(base_data, tmp_path):
    lines = ["UNITID,CIPCODE,MAJORNUM,AWLEVEL,CTOTALT,CTOTALM,CTOTALW"]
    lines += [f"{900000 + n},51.0707,1,3,5,2,3" for n in range(25)]
    path = tmp_path / "c2024_a.csv"
    path.write_text("\n".join(lines) + "\n")
    assert run_command("ipeds-completions", str(path))[0] == 0
    report = ImportRun.objects.get(dataset="ipeds-completions").report
    named = ", ".join(str(900000 + n) for n in range(20))
    assert f"skipped 25: institutions not in the loaded IPEDS directories ({named} and 5 more)" in report


def test_an_absent_optional_column_keeps_what_is_stored(base_data, tmp_path):
    """hd2023 gave Riverbend its alias; a newer file without IALIAS (optional) updates the rest and keeps it."""
    from schools.models import Institution

    path = tmp_path / "hd2024.csv"
    path.write_text(GOOD, encoding="utf-8")
    assert run_command("ipeds-hd", str(path))[0] == 0
    riverbend = Institution.objects.get(unitid="100001")
    assert (riverbend.name, riverbend.alias) == ("Riverbend College, Main Campus", "RCC")


class TestTheHandWrittenUpsertRefusesModelsItWouldWriteWrongly:
    def test_auto_now_fields(self):
        from careers.models import Career

        with pytest.raises(ImproperlyConfigured, match="Career cannot be imported.*auto_now"):
            check_plain_model(Career)
        with pytest.raises(ImproperlyConfigured, match="auto_now"):
            insert_rows(Career, [])

    def test_a_model_with_its_own_save(self):
        from django.contrib.auth import get_user_model

        with pytest.raises(ImproperlyConfigured, match="User cannot be imported.*its own save"):
            check_plain_model(get_user_model())

    def test_at_importer_definition(self):
        from careers.models import Career

        with pytest.raises(ImproperlyConfigured, match="auto_now"):

            class CareerImporter(Importer):
                dataset = "careers"
                model = Career

    def test_the_imported_models_pass(self):
        from imports.registry import IMPORTERS

        for importer in IMPORTERS.values():
            if importer.model is not None:
                check_plain_model(importer.model)
