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
