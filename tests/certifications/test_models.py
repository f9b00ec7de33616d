import pytest
from django.db import IntegrityError, transaction

from careers.models import CareerCertification
from tests.factories import CareerCertificationFactory, CertificationFactory, CertifyingBodyFactory

pytestmark = pytest.mark.django_db


def test_names_and_addresses():
    body = CertifyingBodyFactory(name="Test Registry Association", acronym="TRA", slug="tra")
    certification = CertificationFactory(body=body, acronym="TRX", name="Test Registry Expert", slug="trx")
    assert str(body) == "Test Registry Association (TRA)"
    assert body.get_absolute_url() == "/certifications/#tra"
    assert str(certification) == "TRX (Test Registry Expert)"
    assert certification.get_absolute_url() == "/certifications/trx/"
    link = CareerCertificationFactory(certification=certification)
    assert str(link) == f"{link.career} – TRX"


def test_one_acronym_per_body_and_per_certification_within_a_body():
    certification = CertificationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        CertificationFactory(body=certification.body, acronym=certification.acronym, slug="another-slug")
    with pytest.raises(IntegrityError), transaction.atomic():
        CertifyingBodyFactory._meta.model.objects.create(
            name="Copy", acronym=certification.body.acronym, slug="copy", url="https://example.org/"
        )


def test_a_guide_lists_a_certification_once_in_its_own_order():
    link = CareerCertificationFactory(order=2)
    CareerCertificationFactory(career=link.career, order=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        CareerCertification.objects.create(career=link.career, certification=link.certification)
    assert [c.order for c in link.career.career_certifications.all()] == [1, 2]
