"""Bombs stay small: a zip member or a workbook part that would unpack to hundreds of megabytes is refused before
it is read, so the importer's peak memory stays far under the README's 500 MB. Each case runs in its own Python
process, which reports its peak resident set after the refusal: VmHWM from /proc/self/status, which is this
process's own, and resource.getrusage's ru_maxrss, which on Linux also counts the forking parent's (pytest's)
resident set at the time of the fork, so it is an upper bound.

Measured on the 2-core machine, 4 December 2026: see MEASURED in the test output (-s) and the README."""

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MB = 1024**2
PROBE = """
import json, resource, sys
import django
django.setup()
from imports.importers.report import ImportFailed
from imports.registry import get_importer
from imports.sources import local_source
dataset, source, folder = sys.argv[1:4]
importer_class = get_importer(dataset)
try:
    with local_source(source, importer_class) as path:
        importer_class(path).open_table()
    message = None
except ImportFailed as exc:
    message = str(exc)
status = open("/proc/self/status").read()
hwm = int(next(line for line in status.splitlines() if line.startswith("VmHWM:")).split()[1])
rusage = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"message": message, "peak_mb": hwm / 1024, "ru_maxrss_mb": rusage / 1024}))
"""


def probe(dataset, path, tmp_path):
    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", PROBE, dataset, str(path), str(tmp_path)],
        cwd=ROOT,
        env={"DJANGO_SETTINGS_MODULE": "config.settings.test", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    print(
        f"MEASURED {path.name} ({path.stat().st_size:,} bytes): VmHWM {outcome['peak_mb']:.0f} MB, "
        f"getrusage ru_maxrss {outcome['ru_maxrss_mb']:.0f} MB; {outcome['message']}"
    )
    return outcome


def stream_member(archive, name, parts, *, size):
    """Write a member of ``size`` bytes made of ``parts`` (head, filler byte, tail) without holding it in memory."""
    head, filler, tail = parts
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    with archive.open(info, "w", force_zip64=True) as member:
        member.write(head)
        block = filler * MB
        left = size - len(head) - len(tail)
        while left > 0:
            member.write(block[: min(MB, left)])
            left -= MB
        member.write(tail)


def workbook(path, sheet_parts, sheet_size, strings_size=None):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        if strings_size:
            stream_member(
                archive, "xl/sharedStrings.xml", (b"<sst><si><t>", b"a", b"</t></si></sst>"), size=strings_size
            )
        stream_member(archive, "xl/worksheets/sheet1.xml", sheet_parts, size=sheet_size)
    return path


@pytest.mark.slow
def test_a_zip_bomb_is_refused_in_little_memory(tmp_path):
    archive = tmp_path / "HD2024.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        stream_member(zf, "hd2024.csv", (b"UNITID,INSTNM\r\n", b"0", b"\r\n"), size=600 * MB)
    outcome = probe("ipeds-hd", archive, tmp_path)
    assert outcome["message"] == (
        "HD2024.zip: hd2024.csv unpacks to more than 512 MB (IMPORT_MAX_MEMBER_BYTES); nothing was read"
    )
    assert outcome["peak_mb"] < 500


@pytest.mark.slow
def test_a_zip_bomb_that_understates_its_size_is_refused_in_little_memory(tmp_path):
    from tests.imports.test_damaged_files import understate_size

    archive = tmp_path / "HD2024.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        stream_member(zf, "hd2024.csv", (b"UNITID,INSTNM\r\n", b"0", b"\r\n"), size=600 * MB)
    # Headers claim 1 MB: zipfile stops there and the checksum exposes the lie.
    data = archive.read_bytes()
    assert data.count(b"PK\x01\x02") == 1
    understate_size(archive, MB)
    outcome = probe("ipeds-hd", archive, tmp_path)
    assert outcome["message"].startswith("HD2024.zip: not a readable zip archive (Bad CRC-32")
    assert outcome["peak_mb"] < 500


@pytest.mark.slow
def test_an_xlsx_with_a_300_mb_cell_is_refused_in_little_memory(tmp_path):
    path = workbook(
        tmp_path / "national_M2025_dl.xlsx",
        (b'<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>', b"a", b"</t></is></c></row>"
         b"</sheetData></worksheet>"),
        sheet_size=300 * MB,
    )  # fmt: skip
    outcome = probe("oews", path, tmp_path)
    assert outcome["message"] == (
        "national_M2025_dl.xlsx: xl/worksheets/sheet1.xml holds a cell longer than 100,000 characters "
        "(IMPORT_MAX_CELL_CHARS)"
    )
    assert outcome["peak_mb"] < 500


@pytest.mark.slow
def test_an_xlsx_with_300_mb_of_shared_strings_is_refused_in_little_memory(tmp_path):
    path = workbook(
        tmp_path / "national_M2025_dl.xlsx",
        (b"<worksheet><sheetData>", b" ", b"</sheetData></worksheet>"),
        sheet_size=1 * MB,
        strings_size=300 * MB,
    )
    outcome = probe("oews", path, tmp_path)
    assert outcome["message"] == (
        "national_M2025_dl.xlsx: xl/sharedStrings.xml unpacks to more than 64 MB "
        "(IMPORT_MAX_XLSX_SHARED_STRINGS_BYTES); nothing was read"
    )
    assert outcome["peak_mb"] < 500
