"""Checks the compare page's ``unitid`` values before any of them reaches a query."""

import re

MAX_COMPARED = 4
UNITID_PATTERN = re.compile(r"[0-9]{1,9}")


def parse_compare_unitids(query_dict):
    """Return (unitids, error): up to MAX_COMPARED well-formed UNITIDs in the order given, or a message saying why
    not. Duplicates are dropped; nothing is looked up here."""
    # dict.fromkeys drops repeats and keeps the order (Django caps a query string at 1,000 fields).
    unitids = list(dict.fromkeys(value.strip() for value in query_dict.getlist("unitid") if value.strip()))
    if not unitids:
        return [], ""  # nothing chosen yet is not an error: the page explains how to choose
    if len(unitids) > MAX_COMPARED:
        return [], (
            f"You can compare up to {MAX_COMPARED} schools at a time; you chose {len(unitids)}. "
            "Go back to your search and tick fewer."
        )
    if any(not UNITID_PATTERN.fullmatch(value) for value in unitids):
        return [], "This address has a school number that is not a UNITID (UNITIDs are up to 9 digits)."
    return unitids, ""
