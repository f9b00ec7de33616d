"""Model behaviour a reader or editor would notice: names, addresses, labels and the rules the database keeps."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from careers.models import Career, CareerOccupation, Source
from reference_data.models import EmploymentProjection, WageEstimate
from tests.factories import (
    CareerFactory,
    CareerOccupationFactory,
    CareerStepFactory,
    EmploymentProjectionFactory,
    OccupationFactory,
    OccupationTaskFactory,
    RelatedCareerFactory,
    SourceFactory,
    SpecializationFactory,
    WageEstimateFactory,
)

pytestmark = pytest.mark.django_db


def test_career_names_and_address():
    career = CareerFactory(short_name="Phlebotomist", slug="phlebotomist")
    assert str(career) == "Phlebotomist"
    assert career.get_absolute_url() == "/careers/phlebotomist/"


def test_published_queryset_leaves_out_drafts_and_reviews():
    published = CareerFactory(status=Career.Status.PUBLISHED)
    draft = CareerFactory(status=Career.Status.DRAFT)
    in_review = CareerFactory(status=Career.Status.IN_REVIEW)
    slugs = set(Career.objects.published().values_list("slug", flat=True))
    assert published.slug in slugs
    assert draft.slug not in slugs and in_review.slug not in slugs
    assert published.is_published and not draft.is_published


def test_career_status_must_be_a_known_value():
    with pytest.raises(IntegrityError), transaction.atomic():
        CareerFactory(status="live")


def test_a_guide_has_at_most_one_primary_occupation():
    link = CareerOccupationFactory(is_primary=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        CareerOccupation.objects.create(career=link.career, occupation=OccupationFactory(), is_primary=True)
    # A second, non-primary occupation is fine.
    CareerOccupation.objects.create(career=link.career, occupation=OccupationFactory(), is_primary=False)


def test_section_rows_name_themselves():
    career = CareerFactory(short_name="Coder")
    assert str(CareerStepFactory(career=career, order=3)) == "Coder step 3"
    assert str(SpecializationFactory(career=career, name="Cancer registry")) == "Cancer registry"
    assert str(RelatedCareerFactory(career=career, title="Medical Assistant")) == "Medical Assistant"
    assert str(SourceFactory(career=career, title="BLS OOH")) == "BLS OOH"
    occupation = OccupationFactory(soc_code="98-7001", title="Test Specialists")
    assert str(occupation) == "98-7001 Test Specialists"
    assert str(CareerOccupationFactory(career=career, occupation=occupation, is_primary=False)) == (
        "Coder – 98-7001 Test Specialists"
    )
    task = OccupationTaskFactory(occupation=occupation, text="Review records " * 20)
    assert len(str(task)) == 80


def test_steps_keep_their_order():
    career = CareerFactory()
    for order in (3, 1, 2):
        CareerStepFactory(career=career, order=order, text=f"Step {order}")
    assert [step.text for step in career.steps.all()] == ["Step 1", "Step 2", "Step 3"]


def test_source_kind_must_be_source_or_association():
    with pytest.raises(IntegrityError), transaction.atomic():
        SourceFactory(kind="blog")
    assert SourceFactory(kind=Source.Kind.ASSOCIATION).get_kind_display() == "Association"


def test_wage_estimate_is_unique_per_occupation_area_and_period():
    estimate = WageEstimateFactory()
    assert str(estimate) == f"{estimate.occupation.soc_code} U.S. May 2025"
    assert estimate.period_label == "May 2025"
    with pytest.raises(IntegrityError), transaction.atomic():
        WageEstimateFactory(occupation=estimate.occupation)
    # Another period, or a state, is a different estimate.
    WageEstimateFactory(occupation=estimate.occupation, period=datetime.date(2024, 5, 1))
    WageEstimateFactory(
        occupation=estimate.occupation, area_type=WageEstimate.AreaType.STATE, area_code="01", area_name="Alabama"
    )


def test_wage_estimate_area_type_must_be_known():
    with pytest.raises(IntegrityError), transaction.atomic():
        WageEstimateFactory(area_type="county")


def test_projection_is_unique_per_occupation_and_years_and_runs_forward():
    projection = EmploymentProjectionFactory()
    assert projection.period_label == "2024-34"
    assert str(projection) == f"{projection.occupation.soc_code} 2024-34"
    with pytest.raises(IntegrityError), transaction.atomic():
        EmploymentProjectionFactory(occupation=projection.occupation)
    with pytest.raises(IntegrityError), transaction.atomic():
        EmploymentProjectionFactory(base_year=2034, target_year=2024)
    assert EmploymentProjection.objects.filter(occupation=projection.occupation).count() == 1
