"""Career guides (editorial content) and SOC occupations with their BLS figures (imported data)."""

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
    occupations = models.ManyToManyField("Occupation", through="CareerOccupation", related_name="careers", blank=True)
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
    occupation = models.ForeignKey("Occupation", on_delete=models.PROTECT, related_name="career_links")
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
    occupation = models.ForeignKey("Occupation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

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


class Occupation(models.Model):
    """A SOC 2018 detailed occupation (e.g. 29-2072 Medical Records Specialists)."""

    soc_code = models.CharField(max_length=7, help_text="SOC code such as 29-2072.")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, help_text="O*NET description (credited on every page that shows it).")
    description_source = models.CharField(max_length=200, blank=True)
    in_current_soc = models.BooleanField(
        default=True, help_text="False for codes seen only in older files that are not in SOC 2018."
    )
    job_zone = models.PositiveSmallIntegerField(null=True, blank=True, help_text="O*NET Job Zone (1-5).")
    typical_education = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["soc_code"]
        constraints = [models.UniqueConstraint(fields=["soc_code"], name="occupation_soc_code_unique")]

    def __str__(self):
        return f"{self.soc_code} {self.title}"


class OccupationTask(models.Model):
    """An O*NET task statement for an occupation."""

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="tasks")
    onet_soc_code = models.CharField(max_length=10)
    task_id = models.CharField(max_length=12)
    text = models.TextField()
    is_core = models.BooleanField(default=True)

    class Meta:
        ordering = ["occupation", "task_id"]
        constraints = [models.UniqueConstraint(fields=["onet_soc_code", "task_id"], name="occupation_task_unique")]

    def __str__(self):
        return self.text[:80]


class WageEstimate(models.Model):
    """One BLS OEWS estimate: an occupation in an area (national, state or metro) for a period."""

    class AreaType(models.TextChoices):
        NATIONAL = "national", "National"
        STATE = "state", "State"
        METRO = "metro", "Metropolitan area"
        NONMETRO = "nonmetro", "Nonmetropolitan area"

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="wage_estimates")
    area_type = models.CharField(max_length=10, choices=AreaType)
    area_code = models.CharField(max_length=10, help_text='BLS area code: "99" national, FIPS for states.')
    area_name = models.CharField(max_length=200)
    state = models.CharField(max_length=2, blank=True, help_text="Two-letter state code (primary state for metros).")
    period = models.DateField(help_text="Reference month of the estimates, e.g. 2025-05-01 for May 2025.")
    employment = models.PositiveIntegerField(null=True, blank=True)
    hourly_mean = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    annual_mean = models.PositiveIntegerField(null=True, blank=True)
    annual_p10 = models.PositiveIntegerField(null=True, blank=True)
    annual_p25 = models.PositiveIntegerField(null=True, blank=True)
    annual_median = models.PositiveIntegerField(null=True, blank=True)
    annual_p75 = models.PositiveIntegerField(null=True, blank=True)
    annual_p90 = models.PositiveIntegerField(null=True, blank=True)
    hourly_median = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    top_coded = models.JSONField(
        default=list,
        blank=True,
        help_text="Fields BLS marked # (at or above the top code); the value stored is the top code.",
    )
    source = models.CharField(max_length=200, default="BLS Occupational Employment and Wage Statistics")
    source_url = models.URLField(max_length=500, blank=True)

    class Meta:
        ordering = ["occupation", "-period", "area_type", "area_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "area_type", "area_code", "period"], name="wage_estimate_natural_key"
            ),
            models.CheckConstraint(
                condition=Q(area_type__in=["national", "state", "metro", "nonmetro"]),
                name="wage_estimate_area_type_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["area_type", "state", "period"], name="wage_area_state_period_idx"),
            models.Index(fields=["period"], name="wage_period_idx"),
        ]

    def __str__(self):
        return f"{self.occupation.soc_code} {self.area_name} {self.period_label}"

    @property
    def period_label(self):
        return self.period.strftime("%B %Y")


class EmploymentProjection(models.Model):
    """BLS Employment Projections (table 1.2) for an occupation over a ten-year period."""

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="projections")
    base_year = models.PositiveSmallIntegerField()
    target_year = models.PositiveSmallIntegerField()
    employment_base = models.DecimalField(
        max_digits=10, decimal_places=1, null=True, blank=True, help_text="Thousands of jobs in the base year."
    )
    employment_target = models.DecimalField(max_digits=10, decimal_places=1, null=True, blank=True)
    change_numeric = models.DecimalField(max_digits=10, decimal_places=1, null=True, blank=True)
    change_percent = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    annual_openings = models.DecimalField(
        max_digits=10, decimal_places=1, null=True, blank=True, help_text="Thousands of openings a year."
    )
    median_annual_wage = models.PositiveIntegerField(null=True, blank=True)
    median_annual_wage_top_coded = models.BooleanField(
        default=False, help_text='BLS gave the wage as at or above the top code (">=$239,200"); the top code is stored.'
    )
    typical_entry_education = models.CharField(max_length=200, blank=True)
    work_experience = models.CharField(max_length=200, blank=True)
    source = models.CharField(max_length=200, default="BLS Employment Projections")
    source_url = models.URLField(max_length=500, blank=True)

    class Meta:
        ordering = ["occupation", "-base_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "base_year", "target_year"], name="employment_projection_natural_key"
            ),
            models.CheckConstraint(condition=Q(target_year__gt=models.F("base_year")), name="projection_years_ordered"),
        ]

    def __str__(self):
        return f"{self.occupation.soc_code} {self.period_label}"

    @property
    def period_label(self):
        return f"{self.base_year}-{str(self.target_year)[-2:]}"
