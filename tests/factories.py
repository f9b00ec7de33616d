"""factory-boy factories for every model. Values are made up; real figures are only read from ../shared/data."""

import datetime

import factory
from django.utils import timezone

from careers.models import (
    Career,
    CareerCertification,
    CareerOccupation,
    CareerStep,
    RelatedCareer,
    Source,
    Specialization,
)
from certifications.models import Certification, CertificationSource, CertifyingBody
from imports.models import ImportRun
from reference_data.models import (
    CipCode,
    CipSocLink,
    CountyArea,
    EmploymentProjection,
    IndustryWage,
    Occupation,
    OccupationAlternateTitle,
    OccupationTask,
    WageEstimate,
    ZipCentroid,
)
from schools.models import CareerProgram, Completion, Institution, Program


class OccupationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Occupation
        django_get_or_create = ("soc_code",)

    # Major group 98 is unused in SOC 2018, so made-up codes never collide with the real occupations
    # (29-2072, 29-9021 ...) that content/ ships (the ``shipped_content`` fixture).
    soc_code = factory.Sequence(lambda n: f"98-{n % 10000:04d}")
    title = factory.Sequence(lambda n: f"Test Occupation {n}")


class OccupationTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OccupationTask

    occupation = factory.SubFactory(OccupationFactory)
    onet_soc_code = factory.LazyAttribute(lambda o: f"{o.occupation.soc_code}.00")
    task_id = factory.Sequence(lambda n: f"{90000 + n}")
    text = factory.Sequence(lambda n: f"Made-up task statement {n}.")


class OccupationAlternateTitleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OccupationAlternateTitle

    occupation = factory.SubFactory(OccupationFactory)
    onet_soc_code = factory.LazyAttribute(lambda o: f"{o.occupation.soc_code}.00")
    title = factory.Sequence(lambda n: f"Made-up Other Name {n}")


class CareerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Career

    short_name = factory.Sequence(lambda n: f"Test Career {n}")
    title = factory.LazyAttribute(lambda o: f"{o.short_name} Careers")
    slug = factory.Sequence(lambda n: f"test-career-{n}")
    summary = "A made-up career used in tests."
    what_they_do = "They do made-up work."
    where_they_work = "They work in made-up places."
    how_to_begin_intro = "Here is how to begin."
    post_education_intro = "Certifications help."
    job_outlook_narrative = "Demand changes for made-up reasons."
    status = Career.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class CareerOccupationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CareerOccupation

    career = factory.SubFactory(CareerFactory)
    occupation = factory.SubFactory(OccupationFactory)
    is_primary = True


class CareerStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CareerStep

    career = factory.SubFactory(CareerFactory)
    order = factory.Sequence(lambda n: n)
    text = factory.Sequence(lambda n: f"Step text {n}.")


class SpecializationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Specialization

    career = factory.SubFactory(CareerFactory)
    name = factory.Sequence(lambda n: f"Specialty {n}")
    description = "A made-up specialty."


class RelatedCareerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RelatedCareer

    career = factory.SubFactory(CareerFactory)
    title = factory.Sequence(lambda n: f"Related career {n}")
    description = "Does related work."


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    career = factory.SubFactory(CareerFactory)
    title = factory.Sequence(lambda n: f"Source {n}")
    organization = "Test Organization"
    url = factory.Sequence(lambda n: f"https://example.org/source/{n}")


class IndustryWageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndustryWage

    occupation = factory.SubFactory(OccupationFactory)
    # Six digits whatever the sequence has reached (NAICS codes are 6 characters): 621000, 622000, ... 999000, 000000.
    naics = factory.Sequence(lambda n: f"{(621 + n) % 1000:03d}000")
    naics_title = factory.Sequence(lambda n: f"Made-up industry {n}")
    level = IndustryWage.Level.DIGITS_3
    period = datetime.date(2025, 5, 1)
    employment = 1000
    annual_median = 50000
    source_url = "https://www.bls.gov/oes/2025/may/oes292072.htm"


class WageEstimateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WageEstimate

    occupation = factory.SubFactory(OccupationFactory)
    area_type = WageEstimate.AreaType.NATIONAL
    area_code = "99"
    area_name = "U.S."
    state = ""
    period = datetime.date(2025, 5, 1)
    employment = 100000
    hourly_mean = "25.00"
    annual_mean = 52000
    annual_p10 = 35000
    annual_p25 = 42000
    annual_median = 50000
    annual_p75 = 60000
    annual_p90 = 80000
    hourly_median = "24.04"


class EmploymentProjectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmploymentProjection

    occupation = factory.SubFactory(OccupationFactory)
    base_year = 2024
    target_year = 2034
    employment_base = "100.0"
    employment_target = "105.0"
    change_numeric = "5.0"
    change_percent = "5.0"
    annual_openings = "10.0"
    median_annual_wage = 50000
    typical_entry_education = "Postsecondary nondegree award"


class CertifyingBodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CertifyingBody
        django_get_or_create = ("acronym",)

    name = factory.Sequence(lambda n: f"Test Certifying Body {n}")
    acronym = factory.Sequence(lambda n: f"TCB{n}")
    slug = factory.LazyAttribute(lambda o: o.acronym.lower())
    url = "https://example.org/"


class CertificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certification

    body = factory.SubFactory(CertifyingBodyFactory)
    acronym = factory.Sequence(lambda n: f"TC{n}")
    name = factory.Sequence(lambda n: f"Test Certification {n}")
    slug = factory.LazyAttribute(lambda o: o.acronym.lower())
    what_it_shows = "Shows made-up skills."
    who_it_suits = "Suits made-up people."
    eligibility = "Anyone made up."
    official_url = "https://example.org/certification"
    facts_gathered_on = datetime.date(2026, 11, 1)


class CertificationSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CertificationSource

    certification = factory.SubFactory(CertificationFactory)
    order = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Test source page {n}")
    publisher = "example.org"
    url = factory.Sequence(lambda n: f"https://example.org/source-{n}")
    kind = CertificationSource.Kind.SECONDARY
    facts = "the made-up exam fee"
    covers = factory.LazyFunction(lambda: ["exam_fee"])


class CareerCertificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CareerCertification

    career = factory.SubFactory(CareerFactory)
    certification = factory.SubFactory(CertificationFactory)


class CipCodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CipCode
        django_get_or_create = ("code",)

    # Wraps at 1,000 so the code stays 7 characters (PostgreSQL enforces the column's length) however many tests
    # ran before; get_or_create makes a repeat within one test the same code.
    code = factory.Sequence(lambda n: f"51.{9000 + n % 1000:04d}")
    title = factory.Sequence(lambda n: f"Test Program {n}.")
    digits = 6


class CipSocLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CipSocLink

    cip = factory.SubFactory(CipCodeFactory)
    occupation = factory.SubFactory(OccupationFactory)


class CareerProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CareerProgram

    career = factory.SubFactory(CareerFactory)
    cip = factory.SubFactory(CipCodeFactory)
    action = CareerProgram.Action.INCLUDE


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    unitid = factory.Sequence(lambda n: f"{900000 + n}")
    name = factory.Sequence(lambda n: f"Test College {n}")
    slug = factory.Sequence(lambda n: f"test-college-{n}")
    address = "1 College Road"
    city = "Huntsville"
    state = "AL"
    zip_code = "35801"
    web_address = "www.example.edu"
    control = Institution.Control.PUBLIC
    level = Institution.Level.TWO_YEAR
    latitude = 34.73
    longitude = -86.59
    is_active = True
    survey_year = 2024


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    institution = factory.SubFactory(InstitutionFactory)
    cip = factory.SubFactory(CipCodeFactory)
    award_level = Program.AwardLevel.ASSOCIATE


class CompletionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Completion

    program = factory.SubFactory(ProgramFactory)
    year = 2024
    total = 10


class ZipCentroidFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ZipCentroid
        django_get_or_create = ("zip_code",)

    zip_code = factory.Sequence(lambda n: f"{10000 + n:05d}")
    latitude = 34.73
    longitude = -86.59


class CountyAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CountyArea
        django_get_or_create = ("county_code",)

    county_code = "01089"
    name = "Madison County"
    name_key = "madison county"
    state = "AL"
    cbsa = "26620"
    cbsa_type = CountyArea.CbsaType.METROPOLITAN


class ImportRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImportRun

    dataset = "oews"
    source = "national_M2025_dl.xlsx"
    vintage = "May 2025"
    outcome = ImportRun.Outcome.SUCCEEDED
