"""Certifying bodies (AHIMA, AAPC, NCRA ...) and the credentials they award."""

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords


class CertifyingBody(models.Model):
    name = models.CharField(max_length=200)
    acronym = models.CharField(max_length=20)
    slug = models.SlugField(max_length=50, unique=True)
    url = models.URLField(max_length=500)
    description = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "certifying bodies"
        constraints = [models.UniqueConstraint(fields=["acronym"], name="certifying_body_acronym_unique")]

    def __str__(self):
        return f"{self.name} ({self.acronym})"

    def get_absolute_url(self):
        return reverse("certifications:index") + f"#{self.slug}"


class Certification(models.Model):
    """A credential such as AHIMA's RHIT. Each fact it states names the page it came from (CertificationSource)."""

    # The facts a certification page states, by field, with the label the page gives them. Each one that has a
    # value must be covered by one of the certification's sources; "what it shows" and "who it suits" are our own
    # summary, not facts taken from a source.
    FACT_FIELDS = {
        "eligibility": "Who can sit the exam",
        "exam_questions": "Questions",
        "exam_length": "Length",
        "exam_fee": "Fee",
        "exam_delivery": "How it is taken",
        "renewal_cycle_years": "Renewal",
        "continuing_education": "Continuing education",
        "notes": "Good to know",
    }

    body = models.ForeignKey(CertifyingBody, on_delete=models.PROTECT, related_name="certifications")
    acronym = models.CharField(max_length=20)
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=50, unique=True)
    what_it_shows = models.TextField()
    who_it_suits = models.TextField()
    eligibility = models.TextField(
        blank=True,
        help_text="Leave blank until you have the rules from a source; the page then sends readers to the body.",
    )
    # Where eligibility depends on finishing a type of program, the page links to a school search for it.
    qualifying_programs = models.ManyToManyField(
        "reference_data.CipCode",
        blank=True,
        related_name="qualifying_for",
        help_text="CIP programs whose graduates meet the education requirement.",
    )
    qualifying_award = models.CharField(
        max_length=30, blank=True, help_text='Award group a qualifying program must reach, e.g. "associate".'
    )
    exam_questions = models.PositiveSmallIntegerField(null=True, blank=True)
    exam_length = models.CharField(max_length=100, blank=True, help_text='e.g. "4 hours".')
    exam_fee = models.CharField(max_length=200, blank=True)
    exam_delivery = models.CharField(max_length=200, blank=True)
    renewal_cycle_years = models.PositiveSmallIntegerField(null=True, blank=True)
    continuing_education = models.CharField(max_length=200, blank=True, help_text='e.g. "20 CEUs every 2 years".')
    notes = models.TextField(blank=True)
    official_url = models.URLField(
        "official page",
        max_length=500,
        blank=True,
        help_text="The certifying body's own page for this credential, where readers confirm the current rules. It is "
        "not a source of the facts unless it is also listed under Sources. Blank: the page links to the body's site.",
    )
    facts_gathered_on = models.DateField(
        help_text="When the facts were taken from the sources listed below. Change it only when you gather them again."
    )

    history = HistoricalRecords(m2m_fields=["qualifying_programs"])

    class Meta:
        ordering = ["body__name", "acronym"]
        constraints = [models.UniqueConstraint(fields=["body", "acronym"], name="certification_body_acronym_unique")]

    def __str__(self):
        return f"{self.acronym} ({self.name})"

    def get_absolute_url(self):
        return reverse("certifications:detail", kwargs={"slug": self.slug})

    def facts_stated(self):
        """The fact fields that have a value, in page order."""
        return [name for name in self.FACT_FIELDS if getattr(self, name) not in (None, "")]


class CertificationSource(models.Model):
    """A page some of a certification's facts were taken from, and which facts those are."""

    class Kind(models.TextChoices):
        OFFICIAL = "official", "The certifying body's own page"
        COPY = "copy", "A copy of the certifying body's page, not on its public site"
        SECONDARY = "secondary", "Secondary: another organization's account"

    certification = models.ForeignKey(Certification, on_delete=models.CASCADE, related_name="sources")
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=300, help_text='What the page is, e.g. "Certification FAQ".')
    publisher = models.CharField(max_length=200, help_text='Whose site it is on, e.g. "AHIMA" or "healthcom.info".')
    url = models.URLField(max_length=500)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.OFFICIAL)
    page_date = models.CharField(
        max_length=100, blank=True, help_text='The date or period the page gives for itself, e.g. "2019-2020".'
    )
    may_be_out_of_date = models.BooleanField(
        default=False, help_text="An older version of a page, or one that states the facts for an earlier year."
    )
    facts = models.CharField(
        max_length=300, help_text='The facts taken from it, as the page lists them: "the exam fee and pass mark".'
    )
    covers = models.JSONField(
        default=list, blank=True, help_text="The parts of the certification page those facts appear in."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["certification", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["official", "copy", "secondary"]), name="certification_source_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.publisher})"
