"""Made-up files in the publishers' own layouts for the four datasets the site first read from derived files:
NCES's complete data files EF<year>A_DIST and GR<year>, and the College Scorecard's full institution file. Every
figure is made up; the headers and codes are the publishers' (the EF2023A_DIST and GR data dictionaries, the
College Scorecard data dictionary). The UNITIDs are the fixtures' made-up schools (tests/fixtures/ipeds-hd)."""

import csv
import io


def csv_bytes(rows, *, line_end="\r\n") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=line_end).writerows(rows)
    return buffer.getvalue().encode()


# EF<year>A_DIST: an imputation flag (X...) before each count, as NCES writes its files.
EF_DIST_COUNTS = ("EFDETOT", "EFDEEXC", "EFDESOM", "EFDENON", "EFDEEX1", "EFDEEX2", "EFDEEX3", "EFDEEX4", "EFDEEX5")
EF_DIST_HEADER = ["UNITID", "EFDELEV", *[c for count in EF_DIST_COUNTS for c in (f"X{count}", count)]]


def ef_dist_row(unitid, level, total, exclusive, some):
    none = None if total is None else total - (exclusive or 0) - (some or 0)
    counts = [total, exclusive, some, none, exclusive, 0, 0, 0, 0]
    return [unitid, level, *[v for count in counts for v in ("R", "" if count is None else count)]]


def ef_dist_csv(scale=1) -> bytes:
    """Fall enrollment by distance education: the all-students row (EFDELEV 1) and level breakdowns beside it."""
    return csv_bytes(
        [
            EF_DIST_HEADER,
            ef_dist_row("100001", 1, 2500 * scale, 350, 950),
            ef_dist_row("100001", 2, 2500 * scale, 350, 950),  # undergraduate total
            ef_dist_row("100001", 3, 2200 * scale, 300, 800),  # degree/certificate-seeking undergraduates
            ef_dist_row("100004", 1, 5100 * scale, 510, 1020),
            ef_dist_row("100004", 12, 900 * scale, 400, 100),  # graduate students
            ef_dist_row("100005", 1, None, None, None),  # nothing reported
            ef_dist_row("999991", 1, 10, 10, 0),  # a school not in the directory
        ]
    )


GR_HEADER = [
    "UNITID", "GRTYPE", "CHRTSTAT", "SECTION", "COHORT", "LINE",
    "XGRTOTLT", "GRTOTLT", "XGRTOTLM", "GRTOTLM", "XGRTOTLW", "GRTOTLW",
]  # fmt: skip


def gr_row(unitid, grtype, chrtstat, section, cohort, line, total):
    return [unitid, grtype, chrtstat, section, cohort, line, "R", total, "R", "", "R", ""]


def gr_csv() -> bytes:
    """Graduation rates, one row per part of a cohort (GRTYPE): a four-year school with a bachelor's subcohort, a
    two-year school (no bachelor's subcohort) and a small school whose 4-year completers are not reported."""
    return csv_bytes(
        [
            GR_HEADER,
            gr_row("100004", 2, 12, 1, 1, 50, 3100),  # 4-year institutions, adjusted cohort (all subcohorts)
            gr_row("100004", 3, 13, 1, 1, "29A", 2200),
            gr_row("100004", 6, 10, 2, 2, 10, 2900),  # bachelor's subcohort, revised cohort
            gr_row("100004", 8, 12, 2, 2, 50, 2875),  # ... adjusted cohort
            gr_row("100004", 12, 16, 2, 2, "18A", 2041),  # ... bachelor's completed within 150% (6 years)
            gr_row("100004", 13, 17, 2, 2, 19, 1500),  # ... in 4 years or less
            gr_row("100004", 14, 18, 2, 2, 20, 400),
            gr_row("100004", 15, 19, 2, 2, 21, 141),
            gr_row("100001", 29, 12, 4, 4, 50, 400),  # 2-year institution: adjusted cohort
            gr_row("100001", 30, 13, 4, 4, "29A", 120),
            gr_row("100005", 8, 12, 2, 2, 50, 12),
            gr_row("100005", 12, 16, 2, 2, "18A", 5),
            gr_row("100005", 13, 17, 2, 2, 19, "."),
        ]
    )


# The College Scorecard's full institution file: a few of its ~3,300 columns around the ones the site reads, in the
# file's order, with its NULL and PrivacySuppressed cells.
KINDS = ("PUB", "PRIV", "PROG", "OTHER")
STEMS = ("NPT4", "NPT41", "NPT42", "NPT43", "NPT44", "NPT45")
NET_PRICE_COLUMNS = [f"{stem}_{kind}" for stem in STEMS for kind in KINDS]
SCORECARD_HEADER = [
    "UNITID", "OPEID", "OPEID6", "INSTNM", "CITY", "STABBR", "CONTROL", "ADM_RATE", "UGDS",
    *NET_PRICE_COLUMNS, "NUM4_PUB", "NUM4_PRIV", "C150_4", "C150_L4", "C150_4_POOLED", "MD_EARN_WNE_P10",
]  # fmt: skip


def scorecard_row(unitid, name, control, *, kind=None, prices=(), c150_4="NULL", c150_l4="NULL"):
    cells = dict.fromkeys(NET_PRICE_COLUMNS, "NULL")
    for stem, price in zip(STEMS, prices, strict=False):
        cells[f"{stem}_{kind}"] = price
    return [
        unitid, "00999900", "009999", name, "Made-up Town", "AL", control, "NULL", "1000",
        *cells.values(), "NULL", "NULL", c150_4, c150_l4, "NULL", "PrivacySuppressed",
    ]  # fmt: skip


def scorecard_institution_csv() -> bytes:
    return csv_bytes(
        [
            SCORECARD_HEADER,
            # A public two-year school: completion at schools below four years, net prices in the _PUB columns.
            scorecard_row(
                "100001",
                "Riverbend Community College",
                1,
                kind="PUB",
                prices=(8300, 6000, 6900, 9300, 11100, 12800),
                c150_l4="0.3333",
            ),
            # A private four-year school: a negative net price, one band suppressed.
            scorecard_row(
                "100004",
                "Lakeside University",
                2,
                kind="PRIV",
                prices=(-400, "PrivacySuppressed", 1500, 3000, 9000, 20000),
                c150_4="0.7012",
            ),
            # A program-year school reporting nothing but a net price in the _PROG column.
            scorecard_row("100005", "Harbor City Medical Careers", 3, kind="PROG", prices=(14000,)),
            scorecard_row("10000123", "Riverbend Community College - North Center", 1),
        ]  # fmt: skip
    )
