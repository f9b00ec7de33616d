"""Institutions (IPEDS HD), their programs and completions (IPEDS C_A), and staff choices and overrides. CIP codes,
the crosswalk and ZIP centroids live in ``reference_data``."""

from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce, NullIf
from django.urls import reverse
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from reference_data.models import AwardGroup

# Host names as IPEDS gives them (often without a scheme, e.g. "www.aamu.edu/").
_WEB_HOST_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789.-:")


def web_link(value):
    """An address as IPEDS gives it ("www.aamu.edu/", often without a scheme) as a link target: https:// added where
    the file omits the scheme, only http(s) to a plausible host; "" when it is not one."""
    value = (value or "").strip()
    if not value:
        return ""
    if "://" not in value:
        value = f"https://{value}"
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return ""
    if "." not in parts.hostname or not set(parts.hostname) <= _WEB_HOST_CHARACTERS:
        return ""
    return value


class CareerProgram(models.Model):
    """A program (CIP code, and the credentials at that code) that leads directly to a career, or one the crosswalk
    links to the career's occupation that staff remove.

    Once a career names programs to include, its search matches exactly those (at the credentials listed; none listed
    is every credential), and the crosswalk's other codes for the same occupation are "related programs", shown
    apart. A career that names none matches the crosswalk's codes, less the excluded ones (selectors.career_programs).
    """

    class Action(models.TextChoices):
        INCLUDE = "include", "Include"
        EXCLUDE = "exclude", "Exclude"

    career = models.ForeignKey("careers.Career", on_delete=models.CASCADE, related_name="program_choices")
    cip = models.ForeignKey("reference_data.CipCode", on_delete=models.CASCADE, related_name="career_choices")
    action = models.CharField(max_length=10, choices=Action, default=Action.INCLUDE)
    note = models.CharField(max_length=300, blank=True)
    credentials = models.JSONField(
        default=list,
        blank=True,
        help_text='Award groups that lead to the career at this code, e.g. ["certificate-long", "associate"]; '
        "empty for every credential.",
    )

    # Staff write these: each change is kept with who and when, and its date versions the cached search data.
    history = HistoricalRecords()

    class Meta:
        ordering = ["career", "cip"]
        constraints = [
            models.UniqueConstraint(fields=["career", "cip"], name="career_program_unique"),
            models.CheckConstraint(condition=Q(action__in=["include", "exclude"]), name="career_program_action_valid"),
        ]

    def __str__(self):
        return f"{self.career}: {self.get_action_display().lower()} {self.cip.code}"

    def clean(self):
        if self.credentials is None:  # an empty box in the admin: every credential
            self.credentials = []
        unknown = (
            [value for value in self.credentials if value not in AwardGroup.values]
            if isinstance(self.credentials, list)
            else [self.credentials]
        )
        if unknown:
            raise ValidationError({"credentials": f"Use a list of: {', '.join(AwardGroup.values)}."})


def school_slug(slug, name):
    """The slug of a school's address. A name with no Latin letters slugifies to "", which the URL cannot take."""
    return slug or slugify(name) or "school"


class InstitutionQuerySet(models.QuerySet):
    def with_overrides(self):
        """Annotate ``shown_name`` and ``shown_web_address``: a staff override where there is one, else IPEDS."""
        return self.annotate(
            shown_name=Coalesce(NullIf("override__display_name", models.Value("")), "name"),
            shown_web_address=Coalesce(NullIf("override__web_address", models.Value("")), "web_address"),
        )

    def listed(self):
        """Schools Find a School may list: staff have not hidden them."""
        return self.exclude(override__hidden_from_search=True)


class Institution(models.Model):
    """A postsecondary institution from the IPEDS directory (HD), keyed by UNITID."""

    class Control(models.TextChoices):
        PUBLIC = "1", "Public"
        PRIVATE_NONPROFIT = "2", "Private nonprofit"
        PRIVATE_FOR_PROFIT = "3", "Private for-profit"

    class TitleIvStatus(models.IntegerChoices):
        # OPEFLAG value labels, IPEDS HD data dictionary.
        PARTICIPATES = 1, "Participates in Title IV federal financial aid programs"
        BRANCH = 2, "Branch campus of a main campus that participates in Title IV"
        DEFERMENT_ONLY = 3, "Deferment only - limited participation"
        NEW_WINTER = 4, "New participant (became eligible during the winter collection)"
        NOT_PARTICIPATING_WITH_OPEID = 5, "Not currently participating in Title IV, has an OPE ID number"
        NOT_PARTICIPATING = 6, "Not currently participating in Title IV, does not have OPE ID number"
        STOPPED = 7, "Stopped participating during the survey year"
        NEW_SPRING = 8, "New participant (became eligible during the spring collection)"

    class Level(models.TextChoices):
        FOUR_YEAR = "1", "4-year"
        TWO_YEAR = "2", "2-year"
        UNDER_TWO_YEAR = "3", "Less than 2-year"

    unitid = models.CharField(max_length=6, help_text="IPEDS UNITID.")
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200)
    alias = models.TextField(blank=True)
    address = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100)
    state = models.CharField(max_length=2)
    zip_code = models.CharField(max_length=10, blank=True)
    web_address = models.CharField(max_length=300, blank=True)
    control = models.CharField(max_length=1, choices=Control, blank=True)
    level = models.CharField(max_length=1, choices=Level, blank=True)
    sector = models.PositiveSmallIntegerField(null=True, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    is_active = models.BooleanField(default=True, help_text="IPEDS CYACTIVE, or missing from a newer directory.")
    closed_on = models.DateField(null=True, blank=True, help_text='CLOSEDAT: "Date institution closed" (HD).')
    deleted_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text='DEATHYR: "Year institution was deleted from IPEDS" (HD); -2 not applicable.'
    )
    phone = models.CharField(max_length=30, blank=True, help_text='GENTELE: "General information telephone number".')
    admissions_url = models.CharField(
        max_length=500, blank=True, help_text='ADMINURL: "Admissions office web address".'
    )
    application_url = models.CharField(
        max_length=500, blank=True, help_text='APPLURL: "Online application web address".'
    )
    financial_aid_url = models.CharField(
        max_length=500, blank=True, help_text='FAIDURL: "Financial aid office web address".'
    )
    net_price_calculator_url = models.CharField(
        max_length=500, blank=True, help_text='NPRICURL: "Net price calculator web address".'
    )
    veterans_url = models.CharField(max_length=500, blank=True, help_text="VETURL: veterans' services web address.")
    disability_url = models.CharField(max_length=500, blank=True, help_text="DISAURL: disability services web address.")
    title_iv_status = models.PositiveSmallIntegerField(
        choices=TitleIvStatus, null=True, blank=True, help_text='OPEFLAG: "OPE Title IV eligibility indicator code".'
    )
    cbsa = models.CharField(
        max_length=5, blank=True, help_text='CBSA: "Core Based Statistical Area (CBSA)"; OEWS MSA area codes equal it.'
    )
    cbsa_type = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text='CBSATYPE: "CBSA Type Metropolitan or Micropolitan" (1 metro, 2 micro).'
    )
    county_code = models.CharField(max_length=5, blank=True, help_text='COUNTYCD: "Fips County code".')
    survey_year = models.PositiveSmallIntegerField(help_text="Directory year last seen, e.g. 2024 for HD2024.")

    objects = InstitutionQuerySet.as_manager()

    class Meta:
        ordering = ["name", "unitid"]
        constraints = [
            models.UniqueConstraint(fields=["unitid"], name="institution_unitid_unique"),
            models.CheckConstraint(condition=Q(control__in=["", "1", "2", "3"]), name="institution_control_valid"),
            models.CheckConstraint(condition=Q(level__in=["", "1", "2", "3"]), name="institution_level_valid"),
        ]
        indexes = [
            models.Index(fields=["state"], name="institution_state_idx"),
            models.Index(fields=["control"], name="institution_control_idx"),
            models.Index(fields=["level"], name="institution_level_idx"),
            models.Index(fields=["latitude", "longitude"], name="institution_lat_lon_idx"),
            models.Index(fields=["longitude"], name="institution_lon_idx"),
            models.Index(fields=["is_active"], name="institution_active_idx"),
            models.Index(fields=["name"], name="institution_name_idx"),
            models.Index(fields=["cbsa"], name="institution_cbsa_idx"),
            models.Index(fields=["title_iv_status"], name="institution_title_iv_idx"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("schools:detail", kwargs={"unitid": self.unitid, "slug": school_slug(self.slug, self.name)})

    @property
    def display_name(self):
        """The name to show: a staff override (annotated by ``with_overrides()``) where there is one, else IPEDS's."""
        shown = getattr(self, "shown_name", None)
        return shown if shown is not None else self.name

    @property
    def display_web_address(self):
        shown = getattr(self, "shown_web_address", None)
        return shown if shown is not None else self.web_address

    @property
    def website_url(self):
        """The web address as a link target, only over http(s) to a plausible host; "" when it is not one."""
        return web_link(self.display_web_address)

    @property
    def is_closed(self):
        """IPEDS gives a closing date (CLOSEDAT), or the newest directory no longer lists the school as active."""
        return self.closed_on is not None or not self.is_active

    @property
    def full_address(self):
        return ", ".join(part for part in (self.address, self.city, f"{self.state} {self.zip_code}".strip()) if part)

    @property
    def map_url(self):
        """OpenStreetMap at the school's coordinates, or a search for its address when it has none."""
        if self.latitude is not None and self.longitude is not None:
            lat, lon = f"{self.latitude:.5f}", f"{self.longitude:.5f}"
            return f"https://www.openstreetmap.org/?{urlencode({'mlat': lat, 'mlon': lon})}#map=16/{lat}/{lon}"
        return f"https://www.openstreetmap.org/search?{urlencode({'query': self.full_address})}"


class Program(models.Model):
    """What an institution awards in one 6-digit CIP program at one IPEDS award level."""

    class AwardLevel(models.TextChoices):
        CERT_UNDER_12_WEEKS = "20", "Certificate of less than 12 weeks"
        CERT_12_WEEKS_TO_1_YEAR = "21", "Certificate of at least 12 weeks but less than 1 year"
        CERT_1_TO_2_YEARS = "2", "Certificate of at least 1 but less than 2 years"
        ASSOCIATE = "3", "Associate's degree"
        CERT_2_TO_4_YEARS = "4", "Certificate of at least 2 but less than 4 years"
        BACHELOR = "5", "Bachelor's degree"
        POSTBACCALAUREATE_CERT = "6", "Postbaccalaureate certificate"
        MASTER = "7", "Master's degree"
        POST_MASTER_CERT = "8", "Post-master's certificate"
        DOCTOR_RESEARCH = "17", "Doctor's degree - research/scholarship"
        DOCTOR_PROFESSIONAL = "18", "Doctor's degree - professional practice"
        DOCTOR_OTHER = "19", "Doctor's degree - other"

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="programs")
    cip = models.ForeignKey("reference_data.CipCode", on_delete=models.PROTECT, related_name="programs")
    award_level = models.CharField(max_length=2, choices=AwardLevel)

    class Meta:
        ordering = ["institution", "cip", "award_level"]
        constraints = [
            models.UniqueConstraint(fields=["institution", "cip", "award_level"], name="program_natural_key"),
            models.CheckConstraint(
                condition=Q(award_level__in=["20", "21", "2", "3", "4", "5", "6", "7", "8", "17", "18", "19"]),
                name="program_award_level_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["cip", "award_level"], name="program_cip_award_idx"),
            # Find a School asks "which schools have a program in these CIP codes": with the program's award level
            # and id in the index, PostgreSQL answers from the index alone (make bench, README "Speed"). Key
            # columns rather than INCLUDE, which SQLite does not have.
            models.Index(fields=["cip", "institution", "award_level", "id"], name="program_cip_school_idx"),
        ]

    def __str__(self):
        return f"{self.institution} – {self.cip.code} ({self.get_award_level_display()})"


class Completion(models.Model):
    """Awards conferred in a program in one IPEDS completions year (first majors)."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="completions")
    year = models.PositiveSmallIntegerField(help_text="IPEDS survey year: 2024 means awards made July 2023-June 2024.")
    total = models.PositiveIntegerField()
    men = models.PositiveIntegerField(null=True, blank=True)
    women = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["program", "-year"]
        constraints = [models.UniqueConstraint(fields=["program", "year"], name="completion_program_year_unique")]
        indexes = [
            # Covering: the search joins each program to its newest year's completions (id and total) from the
            # index alone on PostgreSQL.
            models.Index(fields=["year", "program", "total", "id"], name="completion_year_program_idx"),
        ]

    def __str__(self):
        return f"{self.program} {self.year}: {self.total}"

    @property
    def academic_year(self):
        return f"{self.year - 1}-{str(self.year)[-2:]}"


class InstitutionOverride(models.Model):
    """A staff correction to how an imported institution is shown. The importers never touch this table, so a
    correction survives every later import; the site reads it in preference to the imported values."""

    institution = models.OneToOneField(Institution, on_delete=models.CASCADE, related_name="override")
    display_name = models.CharField(
        max_length=200, blank=True, help_text="Shown instead of the IPEDS name; leave blank to use the IPEDS name."
    )
    web_address = models.CharField(
        max_length=300, blank=True, help_text="Used instead of the IPEDS web address; leave blank to use IPEDS's."
    )
    hidden_from_search = models.BooleanField(
        default=False, help_text="Leave the school out of Find a School's results (its own page still answers)."
    )
    note = models.TextField(help_text="Why the imported value is wrong, and where the right one comes from.")
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["institution__name"]
        indexes = [models.Index(fields=["hidden_from_search"], name="inst_override_hidden_idx")]

    def __str__(self):
        return f"Override for {self.institution}"

    def get_absolute_url(self):
        return self.institution.get_absolute_url()


class ShippedContent(models.Model):
    """The value ``sync_content`` last shipped for one field of one content row (a guide, a certification, a
    starting figure ...), from the files in content/.

    It is what makes a staff edit recognizable: a field whose value differs from what was shipped was changed here,
    so a later sync keeps it (schools/content_sync.py).
    """

    model = models.CharField(max_length=100, help_text='The content model, e.g. "careers.career".')
    key = models.CharField(max_length=300, help_text='The row\'s natural key, e.g. "medical-assistant/steps/3".')
    field = models.CharField(max_length=100)
    value = models.JSONField(null=True, help_text="The value as shipped (dates and decimals as text).")
    shipped_at = models.DateTimeField()

    class Meta:
        ordering = ["model", "key", "field"]
        verbose_name = "shipped content value"
        constraints = [models.UniqueConstraint(fields=["model", "key", "field"], name="shipped_content_unique")]

    def __str__(self):
        return f"{self.model} {self.key} {self.field}"


# Imported figures a student judges a school by: their own module, registered with this app.
from .outcome_models import (  # noqa: E402, F401
    DistanceEducation,
    DistanceEnrollment,
    GraduationRate,
    InstitutionCost,
    InstitutionOutcome,
    ProgramOutcome,
)
