"""Importers read and write in batches: a file ten times longer takes the same number of queries, whether its rows
are new or update rows already loaded. (An importer that queried once per row would take 900 more for the longer
file.) The files are made up here, in each publisher's format; every batch holds at least 2,000 rows, so each
file below is one batch."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from imports.importers import pg_copy
from imports.importers.base import Importer
from imports.services import run_import

from .conftest import OEWS_HEADER

pytestmark = pytest.mark.django_db

SMALL, LARGE = 100, 1000
CIPS = ["51.0707", "51.0713", "51.0801", "52.0201"]  # in tests/fixtures/cip/CIPCode2020.csv
AWARD_LEVELS = ["3", "20", "21"]


def write_hd(folder, rows, version=0):
    lines = ["UNITID,INSTNM,ADDR,CITY,STABBR,ZIP,CONTROL,ICLEVEL,SECTOR,CYACTIVE,CLOSEDAT,LONGITUD,LATITUDE"]
    for n in range(rows):
        lines.append(
            f"{200000 + n},Made-up College {n} v{version},{n} Made-up Road,Riverbend,AL,{35000 + n:05d},1,2,4,1,-2,"
            f"{-86.1 - n / 10000 - version / 100:.4f},{32.1 + n / 10000:.4f}"
        )
    return write(folder / "hd2023.csv", lines)


def write_completions(folder, rows, version=0):
    # Twelve programs a school (4 CIP codes x 3 award levels); the schools are those write_hd makes.
    lines = ["UNITID,CIPCODE,MAJORNUM,AWLEVEL,CTOTALT,CTOTALM,CTOTALW"]
    for n in range(rows):
        total = 10 + n % 7 + version
        lines.append(f"{200000 + n // 12},{CIPS[n // 3 % 4]},1,{AWARD_LEVELS[n % 3]},{total},{n % 3},{total - n % 3}")
    return write(folder / "c2023_a.csv", lines)


def write_zcta(folder, rows, version=0):
    lines = ["GEOID|ALAND|AWATER|INTPTLAT|INTPTLONG"]
    lines += [
        f"{10000 + n:05d}|{1000 + n}|0|{40 + n / 10000 + version / 100:.6f}|{-75 - n / 10000:.6f}" for n in range(rows)
    ]
    return write(folder / "2025_Gaz_zcta_national.txt", lines)


def write_oews_states(folder, rows, version=0):
    # Twenty made-up occupations (the importer creates them, a batch at a time) in rows / 20 areas.
    lines = [",".join(OEWS_HEADER)]
    for n in range(rows):
        area, occupation = n // 20 + 1, n % 20 + 1
        wage = 30000 + 100 * n + version
        wages = [f"{wage / 2080:.2f}", str(wage), "", *[""] * 4, *[str(wage + step) for step in (-2, -1, 0, 1, 2)]]
        lines.append(
            ",".join([f"{area:02d}", f"Made-up State {area}", "2", "AL", "000000", "Cross-industry",
                      "cross-industry", "1235", f"29-9{occupation:03d}", f"Made-up Occupation {occupation}",
                      "detailed", str(100 + n), "", "", "", "", "", wages[0], wages[1], "", *wages[2:], "", ""])
        )  # fmt: skip
    return write(folder / "state_M2025_dl.csv", lines)


def write(path, lines):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def queries_to_import(tmp_path, dataset, writer, rows, *, update):
    """Queries of one import of a made-up file with ``rows`` rows, counted in a transaction that is then rolled back,
    so each count starts from the same tables. With ``update`` the same rows are loaded first with other values."""
    folder = tmp_path / f"{dataset}-{rows}-{update}"
    with transaction.atomic():
        if dataset == "ipeds-completions":
            assert run_import("ipeds-hd", write_hd(folder / "schools", LARGE // 12 + 1)).outcome == "succeeded"
        if update:
            assert run_import(dataset, writer(folder / "before", rows, version=1)).outcome == "succeeded"
        with CaptureQueriesContext(connection) as queries:
            run = run_import(dataset, writer(folder, rows))
        assert run.outcome == "succeeded", run.report
        written = run.updated if update else run.created
        transaction.set_rollback(True)
    assert written == rows  # every row was written, not skipped
    return len(queries.captured_queries)


@pytest.mark.parametrize("copy_from", [1, 10**9], ids=["COPY", "INSERT VALUES"])
@pytest.mark.parametrize("update", [False, True], ids=["new rows", "updated rows"])
@pytest.mark.parametrize(
    ("dataset", "writer"),
    [
        ("ipeds-hd", write_hd),
        ("ipeds-completions", write_completions),
        ("zcta", write_zcta),
        ("oews", write_oews_states),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_ten_times_the_rows_takes_the_same_queries(tmp_path, load, dataset, writer, update, copy_from, monkeypatch):
    # On PostgreSQL a batch goes by COPY from pg_copy.COPY_MIN_ROWS rows on: both sizes take the same way here.
    monkeypatch.setattr(pg_copy, "COPY_MIN_ROWS", copy_from)
    assert Importer.batch_size >= LARGE  # one batch each: the counts must be equal, not merely close
    load("cip")
    small = queries_to_import(tmp_path, dataset, writer, SMALL, update=update)
    large = queries_to_import(tmp_path, dataset, writer, LARGE, update=update)
    assert large == small
