"""Where a visitor is: a ZIP code, "City, ST" or (where a page allows it) a state, turned into a Place.

A point comes from the Census ZCTA centroid (ZipCentroid) where the Gazetteer has the ZIP code, and otherwise from
the ``zipcodes`` package (MIT licence; its points are GeoNames', CC BY 4.0), which lists every USPS ZIP code: the
PO-box and single-organization ZIP codes the ZCTA file lacks (77001 Houston, 30301 Atlanta, 35807 Huntsville,
85001 Phoenix) among them. "City, ST" is the mean of the points of the city's standard (street-delivery) ZIP codes,
or of all its ZIP codes where it has no standard one.

The metro area is the ZIP code's county (from zipcodes, by name) and then that county's CBSA as the IPEDS
directory pairs them (CountyArea). A place whose county has no school in IPEDS, or lies in no metro area, has no
metro; ``metro_note`` says why, and pages fall back to the state.

Cost: the package's ZIP codes are read into a dictionary once per process (0.8 s and about 11 MB, in gunicorn's
master before it forks: warm_up); then a ZIP code is a dictionary read, and a city takes up to 70 ms the first time
its state is asked for (then a dictionary read). The Census centroids and the county-to-metro pairs are read from the
database once per content version (_place_tables).
"""

import math
import re
import unicodedata
from array import array
from collections import Counter
from contextlib import suppress
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from django.db import DatabaseError

from core.page_cache import memoized_for_content

from .models import CountyArea, ZipCentroid
from .states import STATE_NAMES

ZIP_PATTERN = re.compile(r"\d{5}(?:-\d{4})?")
# "Houston, TX", "Houston TX", "houston ,tx", "Houston, Texas": a city, then a state's code or name.
CITY_STATE_PATTERN = re.compile(r"(?P<city>.*?[^\s,])\s*(?:,\s*|\s+)(?P<state>[^,]+?)\s*")
STATE_BY_NAME = {name.lower(): code for code, name in STATE_NAMES.items()}
# The package also lists APO/FPO addresses (states AA, AE, AP): they have no place on the map.
MILITARY_STATES = {"AA", "AE", "AP"}

ZCTA = "census-zcta"
ZIPCODES = "zipcodes"
CITY = "zipcodes-city"
STATE = "state"

HOW_FOUND = {
    ZCTA: "Census ZIP Code Tabulation Area centroid (Gazetteer)",
    ZIPCODES: "USPS ZIP code point from the zipcodes package (GeoNames coordinates)",
    CITY: "mean of the city's ZIP code points, zipcodes package (GeoNames coordinates)",
    STATE: "the state as a whole",
}


class PlaceNotFound(ValueError):
    """What was typed is not a place we know; the message says so in plain words, for a form error."""


@dataclass(frozen=True)
class Place:
    """A searched place. ``latitude``/``longitude`` are None for a whole state. ``cbsa`` is blank where no metro
    area was found, and ``metro_note`` then says why in words."""

    label: str
    latitude: float | None
    longitude: float | None
    state: str
    found_by: str
    zip_code: str = ""
    county: str = ""
    cbsa: str = ""
    metro_note: str = ""

    @property
    def has_point(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def short_label(self):
        """The ZIP code alone, or the city and state: what a result's distance is measured from."""
        return self.zip_code or self.label

    @property
    def how_found(self):
        return HOW_FOUND[self.found_by]

    @property
    def state_name(self):
        return STATE_NAMES.get(self.state, self.state)


def county_key(name):
    """A county's name as CountyArea.name_key stores it: IPEDS writes "St. Louis city" and "Doña Ana County", the
    zipcodes package "Saint Louis City" and "Dona Ana County"."""
    return _words(name)


def _words(text):
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[.'’]", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    text = re.sub(r"\bsaint\b", "st", text)
    text = re.sub(r"\bsainte\b", "ste", text)
    text = re.sub(r"\bfort\b", "ft", text)
    text = re.sub(r"\bmount\b", "mt", text)
    return text


@dataclass(frozen=True, slots=True)
class _ZipRecord:
    city: str
    state: str
    county: str
    latitude: float | None
    longitude: float | None
    standard: bool

    @classmethod
    def from_row(cls, row):
        latitude, longitude = float(row["lat"] or 0), float(row["long"] or 0)
        # APO/FPO addresses (states AA, AE, AP) are listed at 0, 0: they have no place on the map.
        located = not (latitude == 0 and longitude == 0) and row["state"] not in MILITARY_STATES
        return cls(
            city=row["city"],
            state=row["state"],
            county=row["county"],
            latitude=latitude if located else None,
            longitude=longitude if located else None,
            standard=row["zip_code_type"] == "STANDARD",
        )


def _zipcodes():
    """The package, imported on first use. Its first query unpacks the dataset it embeds (measured here: 0.65 s and
    39 MB, once per process); a ZIP code look-up afterwards takes about 1 ms."""
    import zipcodes  # noqa: PLC0415 - only place searches need it

    return zipcodes


def warm_up():
    """Unpack the package's ZIP codes and read the place tables now. gunicorn's master calls it before it forks the
    workers (config/gunicorn.py), so each worker, and each one that max_requests starts later, shares them instead of
    paying the first query's 0.34-0.65 s itself. A database that cannot answer yet (a fresh install before its
    migrations) leaves the tables to the first search."""
    _zip_records()
    with suppress(DatabaseError):
        _place_tables()


def _zip_record(zip_code):
    records = _zip_records()
    if zip_code in records:
        return records[zip_code]
    # A state _zip_records does not read (none today): the package's own look-up.
    rows = [row for row in _zipcodes().matching(zip_code) if row["country"] == "US" and row["state"]]
    return _ZipRecord.from_row(rows[0]) if rows else None


@cache
def _zip_records():
    """The package's US ZIP codes as _ZipRecords, by code (the first row of a code, as ``matching`` lists them). The
    package's own look-up scans its list: 0.2 ms on a quiet machine, 0.6 ms within a search (the scan misses the
    processor's caches), where a dictionary read takes a microsecond.

    Read one state at a time: the package hands its rows out as dictionaries, and all 42,789 at once left about
    100 MB in the process after they were freed. This way the records take about 11 MB and 0.8 s, once per process
    (in gunicorn's master: warm_up)."""
    records = {}
    strings = {}  # one str per city and county name, not one per ZIP code
    for state in sorted({*STATE_NAMES, *MILITARY_STATES}):
        for row in _zipcodes().filter_by(state=state):
            if row["country"] == "US" and row["zip_code"] not in records:
                record = _ZipRecord.from_row(row)
                city, county = (
                    strings.setdefault(record.city, record.city),
                    strings.setdefault(record.county, record.county),
                )
                records[row["zip_code"]] = replace(record, city=city, county=county)
    return records


@lru_cache(maxsize=16)
def _cities_in(state):
    """A state's cities (their names as _words writes them, the aliases the USPS accepts too) and their ZIP codes.
    One scan of the package per state (about 70 ms for Texas's 2,662 ZIP codes on this shared machine); the 16
    states asked for last are kept, so memory stays small however many places are searched."""
    cities = {}
    for row in _zipcodes().filter_by(state=state):
        record = _ZipRecord.from_row(row)
        if record.latitude is None:
            continue
        for city in {row["city"], *row["acceptable_cities"]}:
            cities.setdefault(_words(city), []).append(record)
    return cities


def resolve_place(text, *, allow_state=False) -> Place:
    """The Place for a ZIP code, "City, ST" or (with ``allow_state``) a state's code or name; PlaceNotFound with a
    message naming what was typed otherwise. No query once the place tables are in memory (_place_tables)."""
    typed = " ".join(str(text).split())
    if not typed:
        raise PlaceNotFound("Enter a ZIP code or a city and state.")
    # "3580a" and "-3580" are mistyped ZIP codes, not city names.
    if typed[0].isdigit() or not any(character.isalpha() for character in typed):
        return _zip_place(typed)
    if allow_state and (state := _state_code(typed)):
        return Place(label=STATE_NAMES[state], latitude=None, longitude=None, state=state, found_by=STATE)
    return _city_place(typed, allow_state=allow_state)


def _state_code(text):
    text = text.strip().rstrip(".")
    if text.upper() in STATE_NAMES:
        return text.upper()
    return STATE_BY_NAME.get(" ".join(text.lower().split()))


def _zip_place(typed):
    if not (ZIP_PATTERN.fullmatch(typed) and typed.isascii()):
        raise PlaceNotFound(
            f"“{typed}” is not a ZIP code. Enter a ZIP code as 5 digits, like 35801, or a city and state, like "
            "Houston, TX."
        )
    zip_code = typed[:5]
    record = _zip_record(zip_code)
    tables = _place_tables()
    centroid = tables.centroid(zip_code)
    if centroid is not None:
        (latitude, longitude), found_by = centroid, ZCTA
    elif record is not None and record.latitude is not None:
        latitude, longitude, found_by = record.latitude, record.longitude, ZIPCODES
    elif record is not None:
        raise PlaceNotFound(f"ZIP code {zip_code} is a military (APO/FPO) address, with no place on the map.")
    else:
        raise PlaceNotFound(f"We don't know ZIP code {zip_code}. Check it, or enter a city and state.")
    label = f"{zip_code} ({record.city}, {record.state})" if record else zip_code
    state, county = (record.state, record.county) if record else ("", "")
    return _with_metro(
        Place(label=label, latitude=latitude, longitude=longitude, state=state, found_by=found_by, zip_code=zip_code),
        county,
        tables,
    )


def _city_place(typed, *, allow_state):
    wanted = "a ZIP code, a city and state, or a state" if allow_state else "a ZIP code or a city and state"
    match = CITY_STATE_PATTERN.fullmatch(typed)
    state = _state_code(match["state"]) if match else None
    if state is None:
        raise PlaceNotFound(f"We couldn't read “{typed}” as a place. Enter {wanted}, like 35801 or Houston, TX.")
    records = _cities_in(state).get(_words(match["city"]))
    if not records:
        raise PlaceNotFound(f"We couldn't find “{typed}”. Check the spelling, or enter a 5-digit ZIP code.")
    # Street-delivery ZIP codes mark where people live; PO-box and single-building ones cluster at post offices.
    points = [r for r in records if r.standard] or records
    latitude = sum(r.latitude for r in points) / len(points)
    longitude = sum(r.longitude for r in points) / len(points)
    # The county most of the city's ZIP codes are in (Houston's spread over three; most are in Harris County).
    county = Counter(r.county for r in points if r.county).most_common(1)
    city = Counter(r.city for r in records).most_common(1)[0][0]
    place = Place(label=f"{city}, {state}", latitude=latitude, longitude=longitude, state=state, found_by=CITY)
    return _with_metro(place, county[0][0] if county else "", _place_tables())


def _with_metro(place, county, tables):
    """The place with its county's CBSA, or a note saying why it has no metro area."""
    if not place.state:
        return replace(place, metro_note="We could not tell which state and county this ZIP code is in.")
    if not county:
        return replace(place, metro_note="We could not tell which county this place is in.")
    area = tables.counties.get((place.state, county_key(county)))
    if area is None:
        note = f"{county} has no school in the IPEDS directory, so we could not match it to a metro area."
        return replace(place, county=county, metro_note=note)
    cbsa, cbsa_type = area
    if not cbsa or cbsa_type != CountyArea.CbsaType.METROPOLITAN:
        return replace(place, county=county, metro_note=f"{county} is not in a metropolitan area.")
    return replace(place, county=county, cbsa=cbsa)


class _PlaceTables:
    """The Census ZCTA centroids and the IPEDS county-to-CBSA pairs, in memory: looking a ZIP code and its county up
    in the database took 2.4 ms of a 17 ms search (two queries), and a dictionary read takes microseconds. The 33,791
    centroids sit in one array of doubles (0.5 MB; NaN where the Gazetteer has no such ZIP code) rather than in a
    dictionary of tuples (about 7 MB per process)."""

    def __init__(self):
        self.points = array("d", [math.nan]) * (2 * 100_000)
        for zip_code, latitude, longitude in ZipCentroid.objects.values_list("zip_code", "latitude", "longitude"):
            if zip_code.isdigit() and len(zip_code) == 5:
                self.points[2 * int(zip_code)] = latitude
                self.points[2 * int(zip_code) + 1] = longitude
        self.counties = {}
        # In the model's order, the first of two counties with one name wins, as the query's .first() chose it.
        rows = CountyArea.objects.values_list("state", "name_key", "cbsa", "cbsa_type")
        for state, name_key, cbsa, cbsa_type in rows:
            self.counties.setdefault((state, name_key), (cbsa, cbsa_type))

    def centroid(self, zip_code):
        latitude = self.points[2 * int(zip_code)]
        return None if math.isnan(latitude) else (latitude, self.points[2 * int(zip_code) + 1])


def _place_tables() -> _PlaceTables:
    """Read once per process and content version (the imports that change them change the version)."""
    return memoized_for_content("place-tables", build=_PlaceTables)
