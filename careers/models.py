"""Career guides (editorial content). The SOC occupations and BLS figures they show live in ``reference_data``."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

# A guide is due for review when nobody has checked it against its sources for this long.
REVIEW_INTERVAL = timedelta(days=365)


class CareerQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Career.Status.PUBLISHED)

    def review_due(self, *, now=None):
        """Guides nobody has marked as reviewed in the last 12 months (or ever)."""
        cutoff = (now or timezone.now()) - REVIEW_INTERVAL
        return self.filter(Q(last_reviewed_at__isnull=True) | Q(last_reviewed_at__lt=cutoff))

    def with_unpublished_changes(self):
        """Published guides edited since they were published (the public still sees the published version)."""
        return self.filter(status=Career.Status.PUBLISHED, content_changed_at__gt=F("published_at"))


class Career(models.Model):
    """A guide page such as "Medical Biller and Coder"; staff edit it in the admin."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200, help_text='Page title, e.g. "Medical Biller and Coder Careers".')
    slug = models.SlugField(max_length=200, unique=True)
    short_name = models.CharField(max_length=120, help_text='Used in lists and links, e.g. "Medical Biller and Coder".')
    summary = models.TextField(help_text="One or two sentences shown in the guide index and search results.")
    what_they_do = models.TextField()
    where_they_work = models.TextField()
    how_to_begin_intro = models.TextField(help_text="Introduces the ordered steps.")
    post_education_intro = models.TextField(
        help_text="Introduces the certifications (which come from the certifications app)."
    )
    certification_renewal_note = models.TextField(blank=True)
    specializations_intro = models.TextField(blank=True)
    job_outlook_narrative = models.TextField(
        help_text="Why demand changes; the figures themselves come from BLS imports."
    )
    pay_narrative = models.TextField(blank=True, help_text="What moves pay up or down; figures come from imports.")
    related_careers_intro = models.TextField(blank=True)
    sources_intro = models.TextField(blank=True)
    occupations = models.ManyToManyField(
        "reference_data.Occupation", through="CareerOccupation", related_name="careers", blank=True
    )
    certifications = models.ManyToManyField(
        "certifications.Certification", through="CareerCertification", related_name="careers", blank=True
    )
    status = models.CharField(max_length=20, choices=Status, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_reviewed_at = models.DateTimeField(null=True, blank=True)
    last_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    content_changed_at = models.DateTimeField(
        "last edited",
        null=True,
        blank=True,
        help_text="When staff last changed the guide's text or sections. Later than the publication date means "
        "the public still sees the version published then.",
    )

    objects = CareerQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["short_name"]
        permissions = [("publish_career", "Can publish and unpublish guides")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "in_review", "published"]), name="career_status_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["status"], name="career_status_idx"),
            models.Index(fields=["last_reviewed_at"], name="career_last_reviewed_idx"),
        ]

    def __str__(self):
        return self.short_name

    def get_absolute_url(self):
        return reverse("careers:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def review_is_due(self):
        return self.last_reviewed_at is None or self.last_reviewed_at < timezone.now() - REVIEW_INTERVAL

    @property
    def has_unpublished_changes(self):
        """A published guide edited since it was published: the public sees the version published then."""
        return bool(
            self.is_published
            and self.published_at
            and self.content_changed_at
            and self.content_changed_at > self.published_at
        )


class CareerOccupation(models.Model):
    """Links a guide to the SOC occupations it covers; the primary one supplies the pay and outlook figures."""

    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="career_occupations")
    occupation = models.ForeignKey("reference_data.Occupation", on_delete=models.PROTECT, related_name="career_links")
    is_primary = models.BooleanField(default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["career", "-is_primary", "occupation__soc_code"]
        constraints = [
            models.UniqueConstraint(fields=["career", "occupation"], name="career_occupation_unique"),
            models.UniqueConstraint(
                fields=["career"], condition=Q(is_primary=True), name="career_one_primary_occupation"
            ),
        ]

    def __str__(self):
        return f"{self.career} – {self.occupation}"


class CareerStep(models.Model):
    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(default=0)
    text = models.TextField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["career", "order", "pk"]

    def __str__(self):
        return f"{self.career} step {self.order}"


class Specialization(models.Model):
    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="specializations")
    order = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=200)
    description = models.TextField()
    related_career = models.ForeignKey(
        Career,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Our guide for this specialty, when we have one.",
    )
    certification = models.ForeignKey(
        "certifications.Certification",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["career", "order", "pk"]

    def __str__(self):
        return self.name


class RelatedCareer(models.Model):
    """A career worth a look from this guide, with one line on what the work is."""

    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="related_careers")
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=200)
    description = models.CharField(max_length=300)
    target = models.ForeignKey(
        Career,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Links to our guide when we have one.",
    )
    occupation = models.ForeignKey(
        "reference_data.Occupation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["career", "order", "pk"]

    def __str__(self):
        return self.title


class Source(models.Model):
    class Kind(models.TextChoices):
        SOURCE = "source", "Source"
        ASSOCIATION = "association", "Association"

    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="sources")
    order = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.SOURCE)
    title = models.CharField(max_length=300)
    organization = models.CharField(max_length=200)
    url = models.URLField(max_length=500)

    history = HistoricalRecords()

    class Meta:
        ordering = ["career", "order", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=["source", "association"]), name="source_kind_valid"),
        ]

    def __str__(self):
        return self.title


class CareerCertification(models.Model):
    """A certification that counts for a career, in the order the guide lists them."""

    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="career_certifications")
    certification = models.ForeignKey(
        "certifications.Certification", on_delete=models.CASCADE, related_name="career_links"
    )
    order = models.PositiveSmallIntegerField(default=0)
    note = models.CharField(max_length=300, blank=True, help_text="Why it matters for this career, in one line.")

    # The table and its history table keep the names they had in certifications, where the model used to live.
    history = HistoricalRecords(table_name="certifications_historicalcareercertification")

    class Meta:
        db_table = "certifications_careercertification"
        ordering = ["career", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["career", "certification"], name="career_certification_unique")]

    def __str__(self):
        return f"{self.career} – {self.certification.acronym}"
