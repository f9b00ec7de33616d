"""Hostile places: resolve_place (reference_data/places.py) and the guides' "Pay near you" box (?near=). Every input
is a Place or a PlaceNotFound with a message (never another exception), and the page never answers 5xx or reflects
the input raw. Deterministic (strategies.fuzz_settings)."""

import pytest
from django.db import transaction
from hypothesis import given
from hypothesis import strategies as st

from reference_data.places import Place, PlaceNotFound, resolve_place
from tests.factories import CareerFactory, CareerOccupationFactory, CountyAreaFactory, OccupationFactory
from tests.fuzz.strategies import assert_handled_safely, fuzz_settings, hostile_values, single_parameter

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

# Place-like text: digits, cities with states, and the separators people type between them.
place_like = st.one_of(
    st.from_regex(r"\s*\d{3,10}(-\d{0,5})?\s*", fullmatch=True),
    st.builds(
        lambda city, sep, state: f"{city}{sep}{state}",
        st.sampled_from(
            [
                "Houston",
                "houston",
                "St. Louis",
                "Saint Louis",
                "Winston-Salem",
                "Coeur d'Alene",
                "",
                "Ω",
                "<b>",
                "Huntsville\u00a0",
                "New York",
            ]
        ),
        st.sampled_from([", ", " ", ",", " , ", "\t", ",,", ""]),
        st.sampled_from(["TX", "tx", "Texas", "MO", "NC", "ID", "NY", "ZZ", "", "T", "Texass", "AE"]),
    ),  # fmt: skip
    hostile_values,
)


@fuzz_settings(400)
@given(text=place_like)
def test_resolve_place_is_a_place_or_a_message(text):
    for allow_state in (False, True):
        try:
            place = resolve_place(text, allow_state=allow_state)
        except PlaceNotFound as error:
            assert str(error)
        else:
            assert isinstance(place, Place) and place.label
            assert place.has_point or (allow_state and place.state)


@pytest.fixture
def guide():
    career = CareerFactory(slug="fuzz-guide")
    CareerOccupationFactory(career=career, occupation=OccupationFactory(soc_code="29-8072"), is_primary=True)
    CountyAreaFactory()
    return career


def test_pay_near_you_handles_hostile_places(client, guide):
    @fuzz_settings(150)
    @given(query=single_parameter("near"))
    def check(query):
        with transaction.atomic():
            response = client.get(guide.get_absolute_url(), QUERY_STRING=query)
        assert_handled_safely(response, f"GET ?{query[:300]}")

    check()
