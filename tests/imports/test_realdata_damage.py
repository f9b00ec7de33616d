"""The official HD directory, damaged the two ways issue 12 found (cut in half; LATITUDE dropped): refused in a dry
run and a real run, every table unchanged. The damaged copies are made in tmp_path, never kept in the repository.
Skipped where ../shared/data (or DATA_DIR) is absent."""

import csv
import io
import re

import pytest

from imports.models import ImportRun
from imports.services import run_import
from tests.imports.damage import run_command, table_digests

pytestmark = [pytest.mark.django_db, pytest.mark.realdata]
DRY_OR_REAL = pytest.mark.parametrize("mode", [(), ("--dry-run",)], ids=["real run", "dry run"])


@pytest.fixture
def loaded(shared_data_dir):
    run = run_import("ipeds-hd", shared_data_dir / "ipeds" / "hd2023.csv")
    assert run.outcome == ImportRun.Outcome.SUCCEEDED, run.report
    return table_digests()


@DRY_OR_REAL
def test_hd2024_cut_in_half_is_refused(loaded, shared_data_dir, tmp_path, mode):
    content = (shared_data_dir / "ipeds" / "hd2024.csv").read_bytes()
    half = content[: len(content) // 2]
    path = tmp_path / "hd2024.csv"
    path.write_bytes(half)
    last_line = half.count(b"\n") + 1
    status, reason = run_command("ipeds-hd", str(path), *mode)
    assert status == 1
    assert re.fullmatch(rf"hd2024\.csv:{last_line}: .*(cut short)", reason), reason
    assert table_digests() == loaded


@DRY_OR_REAL
def test_hd2024_without_latitude_is_refused(loaded, shared_data_dir, tmp_path, mode):
    with open(shared_data_dir / "ipeds" / "hd2024.csv", encoding="utf-8-sig", newline="") as source:
        rows = list(csv.reader(source))
    index = rows[0].index("LATITUDE")
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(row[:index] + row[index + 1 :] for row in rows)
    path = tmp_path / "hd2024.csv"
    path.write_text(out.getvalue(), encoding="utf-8-sig")
    assert run_command("ipeds-hd", str(path), *mode) == (1, "hd2024.csv: column LATITUDE is missing")
    assert table_digests() == loaded
