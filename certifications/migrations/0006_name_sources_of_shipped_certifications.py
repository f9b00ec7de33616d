"""Content: name the page each shipped certification fact came from, and take out what no source supports.

The facts in 0002 were paraphrased from ../shared/data/notes/certification-facts.md, which names a source page for
each. This migration lists those pages on each certification (CertificationSource), marking copies of official pages,
secondary sites and old pages, and says in each "good to know" paragraph where it comes from. It also:

- removes facts that no page in the notes supports: the CCA, CCS and CCS-P eligibility rules (the CCA's "high school
  diploma or equivalent"), "AAPC membership is required" for the COC, the 2024 renaming of the CTR and the NCRA page
  cited for it, "hospitals employ the most RHITs", and parts of the AAPC and NCRA descriptions (AAPC's former name,
  its courses and chapters; NCRA's Council on Certification and program accreditation);
- rewords the RHIT eligibility, which repeated a long run of the notes' words;
- stops calling AHIMA exams computer-based (the sources only say Pearson VUE schedules them);
- points to AHIMA's recertification page as the notes give it, instead of an address no source names.

Rows are changed only where they still hold the text 0002 installed, so staff edits stay as they are; a source is
added only for the facts that still hold that text. Every changed row gets a history version.
"""

import importlib

from django.db import migrations
from django.utils import timezone

REASON = "Sources named; facts no source supports removed (migration 0006)"

SHIPPED = importlib.import_module("certifications.migrations.0002_ahima_aapc_ncra_credentials")
SHIPPED_CERTIFICATIONS = {c["slug"]: c for c in SHIPPED.CERTIFICATIONS}
SHIPPED_BODIES = {b["acronym"]: b for b in SHIPPED.BODIES}

AHIMA_TEST_WINDOW = (
    "After AHIMA approves your application, Pearson VUE emails you an Authorization to Test, usually within about "
    "five business days (AHIMA's certification FAQ). You then have 120 days from approval to sit the exam. You can "
    "extend that by 30 days at a time, for up to 90 extra days, at $50 for each extension (a copy of AHIMA's FAQ on "
    "another site)."
)
AHIMA_RECERTIFICATION = (
    "Renewal runs on a two-year cycle. At least 80% of your continuing education units (CEUs) must be in health "
    "information topics, and each extra AHIMA credential you hold adds 10 CEUs to the cycle, up to a maximum of 50 "
    "(an older version of AHIMA's recertification page). A non-member with one credential pays $218 for each "
    "two-year cycle, plus $50 for each additional credential, and members pay less (a copy of AHIMA's "
    "recertification FAQ). AHIMA changed its recertification policy for cycles starting in 2024, so read "
    "the current rules at https://www.ahima.org/certification/recertification.aspx before you report your units."
)
AHIMA_RETAKE_90 = (
    "If you do not pass, you must wait 90 days before you retake this exam, a rule in place since 13 July 2020 (a "
    "copy of AHIMA's FAQ on another site)."
)
AHIMA_RETAKE_30 = (
    "If you do not pass, you can retake this exam after 30 days: AHIMA's rule for the CCA and CCS since "
    "11 September 2023, while its other exams have a 90-day wait (a copy of AHIMA's FAQ on another site)."
)
AHIMA_SELF_REVIEW_ENDED = (
    "The annual coding self-review that coding credential holders used to complete ended on 1 January 2021 "
    "(a copy of AHIMA's recertification FAQ)."
)
AHIMA_DELIVERY = "Scheduled with Pearson VUE"

# The new values, by certification: only the fields that change.
CHANGES = {
    "rhit": {
        "who_it_suits": (
            "Students finishing an associate degree in health information management, and technicians who want a "
            "credential for records, coding and data-quality work in hospitals, physician practices, long-term "
            "care, insurers or public health agencies."
        ),
        "eligibility": (
            "The education requirement is an associate degree in health information management (HIM) from a "
            "program CAHIIM accredits. A program outside the US also counts if an association there recognizes it "
            "and AHIMA has a reciprocity agreement with that association. If you are studying in an accredited "
            "program, you can sit the exam before you graduate. Your application needs official transcripts."
        ),
        "exam_delivery": AHIMA_DELIVERY,
        "notes": "\n\n".join(
            [
                AHIMA_TEST_WINDOW,
                AHIMA_RETAKE_90
                + " One exam-preparation site gives 30 days for the RHIT instead; the sources disagree, so check "
                "with AHIMA.",
                AHIMA_RECERTIFICATION,
            ]
        ),
    },
    "rhia": {
        "exam_delivery": AHIMA_DELIVERY,
        "notes": "\n\n".join([AHIMA_TEST_WINDOW, AHIMA_RETAKE_90, AHIMA_RECERTIFICATION]),
    },
    "cca": {
        "eligibility": "",
        "exam_delivery": AHIMA_DELIVERY,
        "notes": "\n\n".join([AHIMA_TEST_WINDOW, AHIMA_RETAKE_30, AHIMA_RECERTIFICATION, AHIMA_SELF_REVIEW_ENDED]),
    },
    "ccs": {
        "eligibility": "",
        "exam_delivery": AHIMA_DELIVERY,
        "notes": "\n\n".join([AHIMA_TEST_WINDOW, AHIMA_RETAKE_30, AHIMA_RECERTIFICATION, AHIMA_SELF_REVIEW_ENDED]),
    },
    "ccs-p": {
        "eligibility": "",
        "exam_delivery": AHIMA_DELIVERY,
        "notes": "\n\n".join([AHIMA_TEST_WINDOW, AHIMA_RETAKE_90, AHIMA_RECERTIFICATION, AHIMA_SELF_REVIEW_ENDED]),
    },
    # The page now marks each fact with its source, secondary ones as such.
    "cpc": {"exam_fee": "$499 in person, including one free retake; $399 online, one attempt"},
    "coc": {"eligibility": ""},
    "ctr": {
        "name": "Certified Tumor Registrar",
        "notes": "\n\n".join(
            [
                "The continuing-education cycle ends on 31 December; you report your hours, and pay the annual "
                "maintenance fee, by 31 January. The fee is $35 a year for NCRA members and $145 for non-members "
                "(NCRA's CTR maintenance page).",
                "The exam fee above comes from NCRA's exam page as it stood in 2019-2020 and is likely out of date; "
                "see https://www.ncra-usa.org/ for the current fee.",
            ]
        ),
        "official_url": "",  # the page 0002 linked is in no source; the page links to NCRA's site instead
    },
}
# 0002 called it source_url; 0005 renamed it.
SHIPPED_FIELD = {"official_url": "source_url"}

BODY_CHANGES = {
    "AAPC": (
        "A membership organization for medical coders and billers. Its credentials cover coding for physician "
        "services and for hospital outpatient facilities."
    ),
    "NCRA": (
        "The professional association for cancer registry professionals, and the body that awards the cancer "
        "registry credential, the CTR."
    ),
}


def _source(title, publisher, url, kind, facts, covers, *, page_date="", may_be_out_of_date=False):
    return {
        "title": title,
        "publisher": publisher,
        "url": url,
        "kind": kind,
        "facts": facts,
        "covers": covers,
        "page_date": page_date,
        "may_be_out_of_date": may_be_out_of_date,
    }


def _ahima_sources(*, transcripts, self_review):
    faq_facts = "scheduling with Pearson VUE and its Authorization to Test"
    faq_covers = ["exam_delivery", "notes"]
    if transcripts:
        faq_facts = "applying with official transcripts; " + faq_facts
        faq_covers = ["eligibility", *faq_covers]
    recert_faq_facts = "the recertification fee" + (" and the end of the annual coding self-review" if self_review else "")
    return [
        _source(
            "Certification FAQ", "AHIMA", "https://www.ahima.org/certification-careers/apply/contact-us-faqs/",
            "official", faq_facts, faq_covers,
        ),
        _source(
            "A copy of AHIMA's certification FAQ", "healthcom.info", "https://healthcom.info/index-68.html", "copy",
            "the 120 days to sit the exam, the extensions and the wait before a retake", ["notes"],
        ),
        _source(
            "Recertification (an older version of the page)", "AHIMA",
            "https://www.ahima.org/certification/Recertification", "official",
            "the two-year cycle, the CEUs the credential needs, the 80% rule and the CEUs added for extra credentials",
            ["renewal_cycle_years", "continuing_education", "notes"], may_be_out_of_date=True,
        ),
        _source(
            "Recertification FAQ", "cms-test.ahima.org",
            "https://cms-test.ahima.org/contact-us-faqs/faqs-recertification/", "copy", recert_faq_facts, ["notes"],
        ),
        _source(
            "Recertification", "AHIMA", "https://www.ahima.org/certification/recertification.aspx", "official",
            "the policy update for cycles starting in 2024", ["notes"],
        ),
    ]  # fmt: skip


SOURCES = {
    "rhit": [
        _source(
            "RHIT eligibility, application and scheduling", "open-exam-prep.com",
            "https://open-exam-prep.com/study-guides/rhit/orientation-and-exam-strategy/"
            "eligibility-application-and-scheduling",
            "secondary",
            "the education requirement, sitting the exam before you graduate, and a 30-day wait before a "
            "retake, which the copy of AHIMA's FAQ contradicts",
            ["eligibility", "notes"],
        ),
        *_ahima_sources(transcripts=True, self_review=False),
    ],
    "rhia": [
        _source(
            "An article on the RHIA", "medicalbillingcodingworld.com", "https://medicalbillingcodingworld.com/?p=1855",
            "secondary", "the education requirement", ["eligibility"], may_be_out_of_date=True,
        ),
        *_ahima_sources(transcripts=True, self_review=False),
    ],
    "cca": _ahima_sources(transcripts=False, self_review=True),
    "ccs": _ahima_sources(transcripts=False, self_review=True),
    "ccs-p": _ahima_sources(transcripts=False, self_review=True),
    "cpc": [
        _source(
            "CPC exam information", "medicalcodingwithconfidence.com", "https://medicalcodingwithconfidence.com/cpc-exam-info",
            "secondary",
            "the number of questions, the length, format, fees and pass mark, the membership requirement and the "
            "renewal rules",
            ["eligibility", "exam_questions", "exam_length", "exam_fee", "exam_delivery", "renewal_cycle_years",
             "continuing_education", "notes"],
        ),
        _source(
            "Complete your CPC apprenticeship", "AAPC",
            "https://www.aapc.com/certifications/cpc/complete-your-cpc-apprenticeship", "official",
            "the CPC-A apprentice status, how to remove the A, and sitting the exam without proof of education",
            ["eligibility", "notes"],
        ),
    ],
    "coc": [],
    "ctr": [
        _source(
            "Paths to the profession", "NCRA", "https://www.ncra-usa.org/About/Paths-to-the-Profession", "official",
            "the eligibility paths A1, A2 and B, and the testing windows", ["eligibility", "exam_delivery"],
        ),
        _source(
            "CTR certification exam", "NCRA", "https://www.ncra-usa.org/CTR/Certification-Exam", "official",
            "the eligibility paths, the three testing windows a year and the exam fee",
            ["eligibility", "exam_fee", "exam_delivery", "notes"], page_date="2019-2020", may_be_out_of_date=True,
        ),
        _source(
            "CTR maintenance", "NCRA", "https://www.ncra-usa.org/Certification/CTR-Maintenance", "official",
            "the continuing education hours, the cycle's deadlines and the annual fee",
            ["renewal_cycle_years", "continuing_education", "notes"],
        ),
    ],
}  # fmt: skip


def _record(history, obj, history_type, now):
    values = {field.attname: getattr(obj, field.attname) for field in type(obj)._meta.concrete_fields}
    return history.objects.create(**values, history_date=now, history_type=history_type, history_change_reason=REASON)


def _shipped(slug, field):
    return SHIPPED_CERTIFICATIONS[slug].get(SHIPPED_FIELD.get(field, field), "")


def name_sources(apps, schema_editor):
    Certification = apps.get_model("certifications", "Certification")
    CertificationSource = apps.get_model("certifications", "CertificationSource")
    CertifyingBody = apps.get_model("certifications", "CertifyingBody")
    HistoricalCertification = apps.get_model("certifications", "HistoricalCertification")
    HistoricalSource = apps.get_model("certifications", "HistoricalCertificationSource")
    HistoricalBody = apps.get_model("certifications", "HistoricalCertifyingBody")
    through = apps.get_model("certifications", "HistoricalCertification_qualifying_programs")
    now = timezone.now()

    for acronym, description in BODY_CHANGES.items():
        body = CertifyingBody.objects.filter(acronym=acronym).first()
        if body is not None and body.description == SHIPPED_BODIES[acronym]["description"]:
            body.description = description
            CertifyingBody.objects.filter(pk=body.pk).update(description=description)
            _record(HistoricalBody, body, "~", now)

    for slug in SHIPPED_CERTIFICATIONS:
        changes = CHANGES.get(slug, {})
        certification = Certification.objects.filter(slug=slug).first()
        if certification is None:
            continue
        changed = [f for f, new in changes.items() if getattr(certification, f) == _shipped(slug, f) != new]
        for field in changed:
            setattr(certification, field, changes[field])
        if changed:
            # update(), not save(): the history is written below, once, whichever models this runs with.
            Certification.objects.filter(pk=certification.pk).update(**{field: changes[field] for field in changed})

        # A source vouches only for the facts that still read as this migration (or 0002) left them.
        def as_intended(field, slug=slug, changes=changes, certification=certification):
            return getattr(certification, field) == changes.get(field, _shipped(slug, field))

        known = set(CertificationSource.objects.filter(certification=certification).values_list("url", flat=True))
        added = []
        for order, spec in enumerate(SOURCES[slug], start=1):
            covers = [field for field in spec["covers"] if as_intended(field)]
            if not covers or spec["url"] in known:
                continue
            added.append(CertificationSource(**{**spec, "covers": covers}, certification=certification, order=order))
        for source in CertificationSource.objects.bulk_create(added):
            _record(HistoricalSource, source, "+", now)

        if changed or added:
            record = _record(HistoricalCertification, certification, "~", now)
            links = Certification.qualifying_programs.through.objects.filter(certification_id=certification.pk)
            through.objects.bulk_create(
                [
                    through(history=record, id=link.id, certification_id=certification.pk, cipcode_id=link.cipcode_id)
                    for link in links
                ]
            )


class Migration(migrations.Migration):
    dependencies = [("certifications", "0005_sources_and_date_gathered")]

    operations = [migrations.RunPython(name_sources, migrations.RunPython.noop)]
