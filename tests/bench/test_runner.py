"""The bench's varied searches: every address is different, and each is a search the site answers."""

import pytest

from bench import runner
from tests.school_world import build_school_world

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("shipped_content")
def test_varied_searches_are_distinct_valid_searches(client):
    build_school_world()
    varied = runner.varied_searches("/schools/", count=40)
    assert [name for name, _ in varied] == [
        "Search, varied: career + ZIP + 100 miles",
        "Search, varied: career + state",
        "Search, varied: program only",
        "Search, varied: school name",
        "Search, varied: career + state, judging filters and orders",
    ]
    for name, paths in varied:
        assert paths and len(set(paths)) == len(paths), name
        for path in paths[:10]:
            response = client.get(path)
            assert response.status_code == 200, path
            assert "There is a problem" not in response.content.decode(), path
    # The same order on every run, so two reports measure the same searches.
    assert runner.varied_searches("/schools/", count=40) == varied


def test_a_varied_scenario_goes_through_its_addresses():
    scenario = runner.Scenario("s", "/a", "search", ("/a", "/b", "/c"))
    assert runner.addresses(scenario, 4) == ["/a", "/b", "/c", "/a"]
    assert runner.addresses(runner.Scenario("t", "/x", "page"), 2) == ["/x", "/x"]
