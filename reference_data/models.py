"""The official reference data the domain apps read, imported from the government files (the importers own the
rows; staff only read them): SOC 2018 occupations with O*NET tasks, BLS wages (OEWS) and projections, CIP 2020 codes,
the CIP-SOC crosswalk, ZIP centroids (Census Gazetteer), counties with their metro areas (IPEDS HD) and the award
groups Find a School and the certifications speak in.

The models moved here from ``careers`` and ``schools`` with their tables: each keeps its old ``db_table`` so the
move changed no row (reference_data/migrations/0001).
"""

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

# The healthcare occupations the guide has a page for: SOC major groups 29 (practitioners and technical) and 31
# (support), and four from other groups whose work is in health care.
HEALTHCARE_MAJOR_GROUPS = ("29-", "31-")
HEALTHCARE_OTHER_CODES = (
    "11-9111",  # Medical and Health Services Managers
    "19-5011",  # Occupational Health and Safety Specialists
    "21-1022",  # Healthcare Social Workers
    "43-6013",  # Medical Secretaries and Administrative Assistants
)


class OccupationQuerySet(models.QuerySet):
    def healthcare(self):
        """The healthcare occupations with a page: estimated nationally by OEWS (92 in May 2025) and in the current
        SOC. A code the SOC no longer has (May 2019's 29-2098) has no page, even with old estimates.

        OEWS publishes a few SOC 2018 broad groups in place of their detailed occupations (29-2010 Clinical
        Laboratory Technologists and Technicians, 31-1120 Home Health and Personal Care Aides); the crosswalk,
        which lists detailed codes only, leaves them out of the current SOC, but a broad group's code (ending in 0)
        is a SOC 2018 code, so they have a page."""
        codes = Q(soc_code__in=HEALTHCARE_OTHER_CODES)
        for prefix in HEALTHCARE_MAJOR_GROUPS:
            codes |= Q(soc_code__startswith=prefix)
        national = WageEstimate.objects.filter(occupation=OuterRef("pk"), area_type=WageEstimate.AreaType.NATIONAL)
        current = Q(in_current_soc=True) | Q(soc_code__endswith="0")
        return self.filter(codes, current).filter(Exists(national))


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

    objects = OccupationQuerySet.as_manager()

    class Meta:
        db_table = "careers_occupation"  # kept from the app it moved from
        ordering = ["soc_code"]
        constraints = [models.UniqueConstraint(fields=["soc_code"], name="occupation_soc_code_unique")]

    def __str__(self):
        return f"{self.soc_code} {self.title}"

    def get_absolute_url(self):
        # The page is the careers app's (reversed by name: this layer imports no app above it). An occupation
        # with a published guide redirects from there to the guide.
        return reverse("careers:occupation", kwargs={"soc_code": self.soc_code})

    @property
    def is_healthcare(self):
        return self.soc_code.startswith(HEALTHCARE_MAJOR_GROUPS) or self.soc_code in HEALTHCARE_OTHER_CODES


class OccupationAlternateTitle(models.Model):
    """Another name O*NET lists for an occupation ("Charge Nurse" for Registered Nurses), from Alternate Titles.txt."""

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="alternate_titles")
    onet_soc_code = models.CharField(max_length=10)
    title = models.CharField(max_length=250)
    short_title = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["occupation", "title"]
        constraints = [
            models.UniqueConstraint(fields=["onet_soc_code", "title"], name="occupation_alternate_title_unique")
        ]

    def __str__(self):
        return self.title


class OccupationTask(models.Model):
    """An O*NET task statement for an occupation."""

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="tasks")
    onet_soc_code = models.CharField(max_length=10)
    task_id = models.CharField(max_length=12)
    text = models.TextField()
    is_core = models.BooleanField(default=True)

    class Meta:
        db_table = "careers_occupationtask"  # kept from the app it moved from
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
        db_table = "careers_wageestimate"  # kept from the app it moved from
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


class IndustryWage(models.Model):
    """One BLS OEWS national industry-specific estimate: how many people in an occupation work in an industry (a
    NAICS sector or 3- to 6-digit industry) and what that industry pays them (e.g. 29-2072 in Hospitals, 622000)."""

    class Level(models.TextChoices):
        # BLS's I_GROUP. "4-digit" is the most detailed level BLS publishes for some industries, which can be an
        # OEWS-specific group of 4-digit industries (e.g. 4240A2) rather than one NAICS code.
        SECTOR = "sector", "NAICS sector"
        DIGITS_3 = "3-digit", "3-digit industry"
        DIGITS_4 = "4-digit", "4-digit industry"
        DIGITS_5 = "5-digit", "5-digit industry"
        DIGITS_6 = "6-digit", "6-digit industry"

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="industry_wages")
    naics = models.CharField(max_length=6, help_text='NAICS code as BLS writes it: "622000", or "62--63" for a sector.')
    naics_title = models.CharField(max_length=200)
    level = models.CharField(max_length=7, choices=Level)
    period = models.DateField(help_text="Reference month of the estimates, e.g. 2025-05-01 for May 2025.")
    employment = models.PositiveIntegerField(null=True, blank=True, help_text="Empty where BLS marked it ** .")
    annual_median = models.PositiveIntegerField(null=True, blank=True, help_text="Empty where BLS marked it * .")
    hourly_median = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    top_coded = models.JSONField(
        default=list,
        blank=True,
        help_text="Fields BLS marked # (at or above the top code); the value stored is the top code.",
    )
    source_url = models.URLField(max_length=500, blank=True)

    class Meta:
        ordering = ["occupation", "-period", "naics"]
        constraints = [
            models.UniqueConstraint(fields=["occupation", "naics", "period"], name="industry_wage_natural_key"),
            models.CheckConstraint(
                condition=Q(level__in=["sector", "3-digit", "4-digit", "5-digit", "6-digit"]),
                name="industry_wage_level_valid",
            ),
        ]
        indexes = [models.Index(fields=["occupation", "level", "period"], name="industry_wage_occ_level_idx")]

    def __str__(self):
        return f"{self.occupation.soc_code} in {self.naics_title} ({self.period_label})"

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
    on_the_job_training = models.CharField(
        max_length=200, blank=True, help_text="Typical on-the-job training needed to attain competency."
    )
    source = models.CharField(max_length=200, default="BLS Employment Projections")
    source_url = models.URLField(max_length=500, blank=True)

    class Meta:
        db_table = "careers_employmentprojection"  # kept from the app it moved from
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


class CipCode(models.Model):
    """A CIP 2020 code: 2-digit family ("51"), 4-digit series ("51.07") or 6-digit program ("51.0713")."""

    code = models.CharField(max_length=7)
    title = models.CharField(max_length=300)
    definition = models.TextField(blank=True)
    digits = models.PositiveSmallIntegerField(help_text="2, 4 or 6.")
    occupations = models.ManyToManyField(Occupation, through="CipSocLink", related_name="cip_codes", blank=True)

    class Meta:
        db_table = "schools_cipcode"  # kept from the app it moved from
        ordering = ["code"]
        verbose_name = "CIP code"
        constraints = [
            models.UniqueConstraint(fields=["code"], name="cip_code_unique"),
            models.CheckConstraint(condition=Q(digits__in=[2, 4, 6]), name="cip_code_digits_valid"),
        ]
        indexes = [models.Index(fields=["digits", "code"], name="cip_digits_code_idx")]

    def __str__(self):
        return f"{self.code} {self.title}"

    @property
    def family(self):
        return self.code[:2]

    @property
    def plain_title(self):
        """The title without CIP's closing full stop, for lists and labels."""
        return self.title.rstrip(".")


class CipSocLink(models.Model):
    """One row of the official CIP 2020 to SOC 2018 crosswalk."""

    cip = models.ForeignKey(CipCode, on_delete=models.CASCADE, related_name="soc_links")
    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="cip_links")

    class Meta:
        db_table = "schools_cipsoclink"  # kept from the app it moved from
        ordering = ["cip", "occupation"]
        verbose_name = "CIP-SOC crosswalk link"
        constraints = [models.UniqueConstraint(fields=["cip", "occupation"], name="cip_soc_link_unique")]

    def __str__(self):
        return f"{self.cip.code} → {self.occupation.soc_code}"


class ZipCentroid(models.Model):
    """The internal point of a ZIP Code Tabulation Area (Census Gazetteer)."""

    zip_code = models.CharField(max_length=5)
    latitude = models.FloatField()
    longitude = models.FloatField()
    source = models.CharField(max_length=100, default="Census Gazetteer ZCTA")
    vintage = models.CharField(max_length=20, blank=True)

    class Meta:
        db_table = "schools_zipcentroid"  # kept from the app it moved from
        ordering = ["zip_code"]
        verbose_name = "ZIP centroid"
        constraints = [models.UniqueConstraint(fields=["zip_code"], name="zip_centroid_zip_unique")]

    def __str__(self):
        return self.zip_code


class CountyArea(models.Model):
    """A county (or county equivalent) and the Core Based Statistical Area it lies in, as the IPEDS directory (HD)
    pairs them (COUNTYCD, COUNTYNM, CBSA, CBSATYPE) for every county that has a school.

    A place's metro area is found through it (reference_data/places.py): the ZIP code's county, by name, then that
    county's CBSA. ``name_key`` is the name as places.county_key writes it, so "St. Louis city" and the zipcodes
    package's "Saint Louis City" meet. A blank ``cbsa`` means the county is in no CBSA.
    """

    class CbsaType(models.IntegerChoices):
        METROPOLITAN = 1, "Metropolitan"
        MICROPOLITAN = 2, "Micropolitan"

    county_code = models.CharField(max_length=5, help_text="FIPS state and county code, e.g. 01089.")
    name = models.CharField(max_length=100)
    name_key = models.CharField(max_length=100, help_text="The name lower-cased, without accents or punctuation.")
    state = models.CharField(max_length=2)
    cbsa = models.CharField(max_length=5, blank=True, help_text="OMB CBSA code; blank when the county is in none.")
    cbsa_type = models.PositiveSmallIntegerField(choices=CbsaType, null=True, blank=True)
    source = models.CharField(max_length=100, default="IPEDS Institutional Characteristics (HD)")
    vintage = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["state", "name"]
        verbose_name = "county and its metro area"
        verbose_name_plural = "counties and their metro areas"
        constraints = [
            models.UniqueConstraint(fields=["county_code"], name="county_area_code_unique"),
            models.CheckConstraint(
                condition=Q(cbsa_type__in=[1, 2]) | Q(cbsa_type__isnull=True), name="county_area_cbsa_type_valid"
            ),
        ]
        indexes = [models.Index(fields=["state", "name_key"], name="county_area_state_name_idx")]

    def __str__(self):
        return f"{self.name}, {self.state}"


class AwardGroup(models.TextChoices):
    """How students think about credentials; each group gathers IPEDS award levels (AWLEVEL)."""

    CERTIFICATE_SHORT = "certificate-short", "Certificate, under 1 year"
    CERTIFICATE_LONG = "certificate-long", "Certificate, 1 year or more"
    ASSOCIATE = "associate", "Associate degree"
    BACHELOR = "bachelor", "Bachelor's degree"
    GRADUATE = "graduate", "Above a bachelor's"


AWARD_LEVELS_BY_GROUP = {
    AwardGroup.CERTIFICATE_SHORT: ["20", "21"],
    # 4 (certificate of 2 to 4 years) is rare; it sits with the longer certificates, below an associate.
    AwardGroup.CERTIFICATE_LONG: ["2", "4"],
    AwardGroup.ASSOCIATE: ["3"],
    AwardGroup.BACHELOR: ["5"],
    AwardGroup.GRADUATE: ["6", "7", "8", "17", "18", "19"],
}
