"""The API's occupation list with the guide index's filters: the same occupations, in the same order, as the index
page for the same parameters, and the index's messages for bad values."""

import pytest

from tests.careers.test_occupation_index import INDEX, listed
from tests.careers.test_occupation_index import world as index_world  # noqa: F401 - the index's made-up occupations

from .helpers import json_of

pytestmark = pytest.mark.django_db


def api_titles(client, params):
    body = json_of(client.get("/api/v1/occupations", params))
    return [occupation["title"] for occupation in body["results"]]


@pytest.mark.usefixtures("index_world")
@pytest.mark.parametrize(
    "params",
    [
        {"education": "certificate", "min_pay": "45000", "growth": "faster"},
        {"education": "associate", "sort": "pay"},
        {"growth": "growing", "sort": "openings"},
        {"sort": "growth"},
        {"sort": "name"},
    ],
)
def test_the_index_filters_list_what_the_index_page_lists(client, params):
    expected = listed(client.get(INDEX, params))
    assert expected  # each case lists something
    assert api_titles(client, params) == expected


@pytest.mark.usefixtures("index_world")
def test_without_the_index_filters_the_list_is_every_occupation_by_soc_code(client):
    body = json_of(client.get("/api/v1/occupations"))
    codes = [occupation["soc_code"] for occupation in body["results"]]
    assert codes == sorted(codes) and "98-0001" in codes  # not only healthcare


@pytest.mark.usefixtures("index_world")
@pytest.mark.parametrize(
    ("params", "parameter", "message"),
    [
        ({"education": "phd"}, "education", "Choose a level of education from the list."),
        ({"min_pay": "lots"}, "min_pay", "Enter the pay as a whole number of dollars, like 45000."),
        ({"sort": "salary"}, "sort", "Choose an order from the list."),
    ],
)
def test_bad_index_values_are_a_400_with_the_index_pages_message(client, params, parameter, message):
    body = json_of(client.get("/api/v1/occupations", params), 400, "application/problem+json")
    assert {error["parameter"]: error["message"] for error in body["errors"]} == {parameter: message}
