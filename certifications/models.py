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
    """A credential such as AHIMA's RHIT. Exam facts carry the page they came from and when we checked them."""

    body = models.ForeignKey(CertifyingBody, on_delete=models.PROTECT, related_name="certifications")
    acronym = models.CharField(max_length=20)
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=50, unique=True)
    what_it_shows = models.TextField()
    who_it_suits = models.TextField()
    eligibility = models.TextField()
    # Where eligibility depends on finishing a type of program, the page links to a school search for it.
    qualifying_programs = models.ManyToManyField(
        "schools.CipCode",
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
    source_url = models.URLField(max_length=500)
    facts_checked_on = models.DateField(help_text="When we last checked these facts against the source.")
    careers = models.ManyToManyField(
        "careers.Career", through="CareerCertification", related_name="certifications", blank=True
    )

    history = HistoricalRecords(m2m_fields=["qualifying_programs"])

    class Meta:
        ordering = ["body__name", "acronym"]
        constraints = [models.UniqueConstraint(fields=["body", "acronym"], name="certification_body_acronym_unique")]

    def __str__(self):
        return f"{self.acronym} ({self.name})"

    def get_absolute_url(self):
        return reverse("certifications:detail", kwargs={"slug": self.slug})


class CareerCertification(models.Model):
    """A certification that counts for a career, in the order the guide lists them."""

    career = models.ForeignKey("careers.Career", on_delete=models.CASCADE, related_name="career_certifications")
    certification = models.ForeignKey(Certification, on_delete=models.CASCADE, related_name="career_links")
    order = models.PositiveSmallIntegerField(default=0)
    note = models.CharField(max_length=300, blank=True, help_text="Why it matters for this career, in one line.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["career", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["career", "certification"], name="career_certification_unique")]

    def __str__(self):
        return f"{self.career} – {self.certification.acronym}"
