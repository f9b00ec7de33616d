"""Every factory builds a valid, saved row (so tests elsewhere can rely on them)."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

ALL_FACTORIES = [
    getattr(factories, name)
    for name in dir(factories)
    if name.endswith("Factory") and hasattr(getattr(factories, name), "_meta") and name != "DjangoModelFactory"
]


@pytest.mark.parametrize("factory_class", ALL_FACTORIES, ids=lambda f: f.__name__)
def test_factory_saves_a_row(factory_class):
    obj = factory_class()
    assert obj.pk is not None
    assert str(obj)


def test_every_award_level_belongs_to_exactly_one_group():
    from reference_data.models import AWARD_LEVELS_BY_GROUP
    from schools.models import Program

    grouped = [level for levels in AWARD_LEVELS_BY_GROUP.values() for level in levels]
    assert sorted(grouped) == sorted(Program.AwardLevel.values)
