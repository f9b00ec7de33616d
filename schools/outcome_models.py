"""What a student judges a school by: cost (IPEDS IC_AY), distance education (IPEDS IC and fall enrollment),
graduation rates (IPEDS GR), net price and completion (College Scorecard institution file) and graduates' earnings
and debt by field of study (College Scorecard Field of Study). Imported by ``imports``; read by the school page.

Every figure is nullable: a blank, suppressed or not-reported value is NULL, never 0, so the page can say which.
The meanings in the help texts are the publishers' variable labels (NCES IPEDS data dictionaries and Data Center
variable labels; College Scorecard data dictionary), quoted where we found them.
"""

from django.db import models
from django.db.models import Q


class IpedsAnswer(models.TextChoices):
    """An IPEDS yes/no item: 1 Yes, 2 (or 0) No, -1 Not reported, -2 Not applicable (IC2022 value labels)."""

    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_REPORTED = "not_reported", "Not reported to IPEDS"
    NOT_APPLICABLE = "not_applicable", "Not applicable"


IPEDS_ANSWERS = [choice.value for choice in IpedsAnswer]

# IPEDS award levels (C_A AWLEVEL) and the College Scorecard credential level (CREDLEV) that counts the same award.
CREDENTIAL_FOR_AWARD_LEVEL = {
    "20": 1, "21": 1, "2": 1, "4": 1, "3": 2, "5": 3, "6": 4, "7": 5, "8": 8, "17": 6, "18": 7, "19": 6,
}  # fmt: skip


class ShownOnSchoolPage:
    """These figures have no page of their own: they are shown on their school's page."""

    def get_absolute_url(self):
        return self.institution.get_absolute_url()


class InstitutionCost(ShownOnSchoolPage, models.Model):
    """Published student charges for a full academic year (IPEDS IC_AY, academic-year reporters only).

    Program reporters (most short certificate schools) report in IC_PY instead, so a school may have no row here:
    the page then says "not reported to IPEDS", never $0.
    """

    institution = models.ForeignKey("schools.Institution", on_delete=models.CASCADE, related_name="costs")
    year = models.PositiveSmallIntegerField(
        help_text="IC survey year: 2022 means the 2022-23 academic year (IC2022_AY)."
    )
    tuition_in_district = models.PositiveIntegerField(
        null=True, blank=True, help_text='CHG1AY3: "Published in-district tuition and fees" (IC_AY dictionary).'
    )
    tuition_in_state = models.PositiveIntegerField(
        null=True, blank=True, help_text='CHG2AY3: "Published in-state tuition and fees".'
    )
    tuition_out_of_state = models.PositiveIntegerField(
        null=True, blank=True, help_text='CHG3AY3: "Published out-of-state tuition and fees".'
    )
    books_supplies = models.PositiveIntegerField(null=True, blank=True, help_text='CHG4AY3: "Books and supplies".')

    class Meta:
        ordering = ["institution", "-year"]
        constraints = [models.UniqueConstraint(fields=["institution", "year"], name="institution_cost_year_unique")]
        indexes = [models.Index(fields=["year"], name="institution_cost_year_idx")]

    def __str__(self):
        return f"{self.institution} charges {self.academic_year}"

    @property
    def academic_year(self):
        return f"{self.year}-{str(self.year + 1)[-2:]}"


class DistanceEducation(ShownOnSchoolPage, models.Model):
    """Whether a school offers distance education (IPEDS IC, e.g. IC2022).

    Labels from the NCES Data Center variable list for IC: DISTNCED "All programs offered completely via distance
    education", DISTCRS "Distance education courses offered", DISTPGS "Distance education programs offered".
    """

    institution = models.ForeignKey("schools.Institution", on_delete=models.CASCADE, related_name="distance_education")
    year = models.PositiveSmallIntegerField(help_text="IC survey year: 2022 for IC2022 (the 2022-23 year).")
    all_programs_online = models.CharField(max_length=15, choices=IpedsAnswer, help_text="DISTNCED.")
    offers_online_courses = models.CharField(max_length=15, choices=IpedsAnswer, help_text="DISTCRS.")
    offers_online_programs = models.CharField(max_length=15, choices=IpedsAnswer, help_text="DISTPGS.")

    class Meta:
        ordering = ["institution", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["institution", "year"], name="distance_education_year_unique"),
            models.CheckConstraint(
                condition=Q(all_programs_online__in=IPEDS_ANSWERS)
                & Q(offers_online_courses__in=IPEDS_ANSWERS)
                & Q(offers_online_programs__in=IPEDS_ANSWERS),
                name="distance_education_answers_valid",
            ),
        ]
        indexes = [models.Index(fields=["offers_online_programs"], name="distance_ed_programs_idx")]

    def __str__(self):
        return f"{self.institution} distance education {self.year}"


class DistanceEnrollment(ShownOnSchoolPage, models.Model):
    """Fall enrollment by distance-education status (IPEDS fall enrollment, Data Center custom export).

    The export's columns per fall: TOTAL_ENROLL (all students), DE_ENROLL (enrolled exclusively in distance
    education courses), SDE_ENROLL (enrolled in some but not all distance education courses). Blank = not reported.
    """

    institution = models.ForeignKey(
        "schools.Institution", on_delete=models.CASCADE, related_name="distance_enrollments"
    )
    fall_year = models.PositiveSmallIntegerField()
    total = models.PositiveIntegerField(null=True, blank=True)
    exclusively_distance = models.PositiveIntegerField(null=True, blank=True)
    some_distance = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["institution", "-fall_year"]
        constraints = [
            models.UniqueConstraint(fields=["institution", "fall_year"], name="distance_enrollment_fall_unique")
        ]
        indexes = [models.Index(fields=["fall_year"], name="distance_enrollment_fall_idx")]

    def __str__(self):
        return f"{self.institution} fall {self.fall_year} enrollment"

    @property
    def exclusively_distance_share(self):
        """Share of all students studying only at a distance; None when either count is not reported."""
        if not self.total or self.exclusively_distance is None:
            return None
        return self.exclusively_distance / self.total


class GraduationRate(ShownOnSchoolPage, models.Model):
    """IPEDS Graduation Rates (GR, Data Center custom export): an entering cohort and the percent of it awarded a
    degree within 4 and 6 years. Reported mostly by four-year institutions; blank = not reported."""

    institution = models.ForeignKey("schools.Institution", on_delete=models.CASCADE, related_name="graduation_rates")
    cohort_year = models.PositiveSmallIntegerField(help_text="Year the cohort entered, e.g. 2015 (GR2021 onwards).")
    cohort_size = models.PositiveIntegerField(null=True, blank=True, help_text="TOTAL_COHORT_<year>.")
    awarded_in_4_years = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="PCT_AWARD_4YEARS: percent of the cohort awarded a degree within 4 years."
    )
    awarded_in_6_years = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="PCT_AWARD_6YRS: percent of the cohort awarded a degree within 6 years."
    )

    class Meta:
        ordering = ["institution", "-cohort_year"]
        constraints = [
            models.UniqueConstraint(fields=["institution", "cohort_year"], name="graduation_rate_cohort_unique")
        ]
        indexes = [models.Index(fields=["cohort_year"], name="graduation_rate_cohort_idx")]

    def __str__(self):
        return f"{self.institution} {self.cohort_year} cohort"


class InstitutionOutcome(ShownOnSchoolPage, models.Model):
    """College Scorecard institution-level figures (Most-Recent-Cohorts-Institution) for one release.

    Completion rate: C150_4 (four-year schools), else C150_L4 ("Completion rate for first-time, full-time students
    ... (150% of expected time to completion)", Scorecard data dictionary). Net price: NPT4_PUB / NPT4_PRIV /
    NPT4_PROG / NPT4_OTHER ("Average net price for Title IV institutions") and NPT41..NPT45 by family income
    ($0-30,000, $30,001-48,000, $48,001-75,000, $75,001-110,000, $110,001+). Blank = suppressed or not published.
    A net price can be negative: grant aid above the cost of attendance (real rows: -$631, -$1,913).
    """

    institution = models.ForeignKey("schools.Institution", on_delete=models.CASCADE, related_name="outcomes")
    released_on = models.DateField(help_text="Scorecard release date, from the file name (06102026 = 10 June 2026).")
    completion_rate = models.FloatField(null=True, blank=True, help_text="Share 0-1 (C150_4, else C150_L4).")
    net_price_average = models.IntegerField(null=True, blank=True)
    net_price_0_30k = models.IntegerField(null=True, blank=True)
    net_price_30_48k = models.IntegerField(null=True, blank=True)
    net_price_48_75k = models.IntegerField(null=True, blank=True)
    net_price_75_110k = models.IntegerField(null=True, blank=True)
    net_price_110k_plus = models.IntegerField(null=True, blank=True)

    class Meta:
        ordering = ["institution", "-released_on"]
        constraints = [
            models.UniqueConstraint(fields=["institution", "released_on"], name="institution_outcome_release_unique")
        ]
        indexes = [models.Index(fields=["net_price_average"], name="institution_net_price_idx")]

    def __str__(self):
        return f"{self.institution} Scorecard {self.released_on:%B %Y}"


class ProgramOutcome(ShownOnSchoolPage, models.Model):
    """College Scorecard Field of Study: graduates of one school in one 4-digit CIP field at one credential level.

    IPEDSCOUNT1: awards in the field ("number of awards", IPEDS completions). EARN_MDN_1YR / EARN_MDN_4YR: median
    earnings of graduates working and not enrolled 1 and 4 years after completing. DEBT_ALL_STGP_EVAL_MDN: median
    Stafford and Grad PLUS loan debt disbursed at this institution. The Department suppresses small cohorts for
    privacy: blank (or "PrivacySuppressed"/"PS" in the full file) is NULL here.
    """

    class CredentialLevel(models.IntegerChoices):
        # CREDLEV, Scorecard data dictionary.
        UNDERGRADUATE_CERTIFICATE = 1, "Undergraduate certificate or diploma"
        ASSOCIATE = 2, "Associate's degree"
        BACHELOR = 3, "Bachelor's degree"
        POST_BACCALAUREATE_CERTIFICATE = 4, "Post-baccalaureate certificate"
        MASTER = 5, "Master's degree"
        DOCTORAL = 6, "Doctoral degree"
        FIRST_PROFESSIONAL = 7, "First professional degree"
        GRADUATE_CERTIFICATE = 8, "Graduate/professional certificate"

    institution = models.ForeignKey("schools.Institution", on_delete=models.CASCADE, related_name="program_outcomes")
    cip_code = models.CharField(max_length=5, help_text='4-digit CIP as "51.08" (Scorecard CIPCODE 5108).')
    cip_title = models.CharField(max_length=200, blank=True, help_text="CIPDESC.")
    credential_level = models.PositiveSmallIntegerField(choices=CredentialLevel)
    released_on = models.DateField(help_text="Scorecard release date, from the file name.")
    completers = models.PositiveIntegerField(null=True, blank=True, help_text="IPEDSCOUNT1.")
    earnings_1_year = models.PositiveIntegerField(null=True, blank=True, help_text="EARN_MDN_1YR.")
    earnings_4_years = models.PositiveIntegerField(null=True, blank=True, help_text="EARN_MDN_4YR.")
    median_debt = models.PositiveIntegerField(null=True, blank=True, help_text="DEBT_ALL_STGP_EVAL_MDN.")

    class Meta:
        ordering = ["institution", "cip_code", "credential_level", "-released_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "cip_code", "credential_level", "released_on"],
                name="program_outcome_natural_key",
            ),
            models.CheckConstraint(
                condition=Q(credential_level__gte=1) & Q(credential_level__lte=8),
                name="program_outcome_credential_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["cip_code", "credential_level"], name="program_outcome_cip_cred_idx"),
            models.Index(fields=["released_on"], name="program_outcome_release_idx"),
        ]

    def __str__(self):
        return f"{self.institution} {self.cip_code} ({self.get_credential_level_display()})"

    @property
    def debt_to_earnings(self):
        """Median debt as a share of median first-year earnings; None when either is not published."""
        if self.median_debt is None or not self.earnings_1_year:
            return None
        return self.median_debt / self.earnings_1_year
