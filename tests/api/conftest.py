import pytest

from tests.school_world import build_school_world


@pytest.fixture
def school_world(shipped_content):
    """The made-up schools around ZIP 35801 (tests/school_world.py) and the shipped guides."""
    return build_school_world()
