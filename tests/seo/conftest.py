import pytest

from tests.school_world import build_school_world


@pytest.fixture
def world(shipped_content):
    """The shipped guides and certifications, and the made-up schools around Huntsville (tests/school_world.py)."""
    return build_school_world()
