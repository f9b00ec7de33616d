"""Content: the certifying bodies AHIMA, AAPC and NCRA and the eight credentials the career guides name.

Facts come from ../shared/data/notes/certification-facts.md (itself paraphrased from public pages) and the
public pages named in each ``notes``; where a fact comes from a secondary or dated page, the text says so.
Staff keep these current in the admin afterwards. Safe on a database that already has any of these rows:
everything is looked up by its natural key and left alone if it exists.
"""

import datetime

from django.db import migrations

CHECKED_ON = datetime.date(2026, 11, 28)

BODIES = [
    {
        "acronym": "AHIMA",
        "name": "American Health Information Management Association",
        "slug": "ahima",
        "url": "https://www.ahima.org/",
        "description": (
            "The professional association for health information management. It awards credentials in "
            "health information management and medical coding. The degree programs that lead to its RHIT and "
            "RHIA credentials are accredited by CAHIIM, the Commission on Accreditation for Health Informatics "
            "and Information Management Education."
        ),
    },
    {
        "acronym": "AAPC",
        "name": "AAPC",
        "slug": "aapc",
        "url": "https://www.aapc.com/",
        "description": (
            "A membership organization for medical coders, billers and auditors, founded as the American Academy "
            "of Professional Coders. Its credentials concentrate on coding for physician services and outpatient "
            "facilities, and it also runs training courses and local chapters."
        ),
    },
    {
        "acronym": "NCRA",
        "name": "National Cancer Registrars Association",
        "slug": "ncra",
        "url": "https://www.ncra-usa.org/",
        "description": (
            "The professional association for cancer registry professionals. Its Council on Certification runs "
            "the cancer registry credential, and it accredits cancer registry education programs."
        ),
    },
]

# Shared AHIMA facts (certification-facts.md: AHIMA FAQ pages and their mirror, AHIMA recertification pages).
AHIMA_TEST_WINDOW = (
    "After AHIMA approves your application, Pearson VUE emails an Authorization to Test, usually within about "
    "five business days. From approval you have 120 days to sit the exam. If you need longer, extensions come in "
    "30-day steps, up to 90 days in all, at $50 a step (AHIMA's exam FAQ)."
)
AHIMA_RECERTIFICATION = (
    "Renewal runs on a two-year cycle. At least 80% of your continuing education units (CEUs) must be in health "
    "information topics. Each extra AHIMA credential you hold adds 10 CEUs to the cycle, up to a maximum of 50. "
    "The recertification fee for a non-member with one credential is $218 per two-year cycle, plus $50 for each "
    "additional credential; AHIMA members pay less. AHIMA updated its recertification policy for cycles starting "
    "in 2024, so read the current guide at https://www.ahima.org/certification-careers/recertify/ before you "
    "report your units."
)
AHIMA_RETAKE_90 = (
    "If you do not pass, AHIMA's FAQ sets a 90-day wait before you can retake this exam (a rule in place since "
    "13 July 2020)."
)
AHIMA_RETAKE_30 = (
    "If you do not pass, you can retake this exam after 30 days (AHIMA's rule for the CCA and CCS since "
    "11 September 2023; its other exams have a 90-day wait)."
)
AHIMA_SELF_REVIEW_ENDED = "The annual coding self-review that coding credential holders used to complete ended on 1 January 2021."

CERTIFICATIONS = [
    {
        "body": "AHIMA",
        "acronym": "RHIT",
        "slug": "rhit",
        "name": "Registered Health Information Technician",
        "what_it_shows": (
            "That you can keep health records complete, accurate, coded and secure: checking documentation, "
            "assigning and reviewing codes, reporting data, and protecting patient privacy."
        ),
        "who_it_suits": (
            "Students finishing an associate degree in health information management, and technicians who want a "
            "credential employers recognize for records, coding and data-quality work. Hospitals employ the most "
            "RHITs, but the credential is also valued in physician practices, long-term care, insurers and public "
            "health agencies."
        ),
        "eligibility": (
            "You need to complete an associate-level health information management (HIM) program accredited by "
            "CAHIIM, or an HIM program approved by a foreign association that has a reciprocity agreement with "
            "AHIMA. Students in an accredited program may take the exam before they graduate. You apply with "
            "official transcripts."
        ),
        "qualifying_programs": ["51.0707"],
        "qualifying_award": "associate",
        "exam_delivery": "Computer-based, scheduled with Pearson VUE",
        "renewal_cycle_years": 2,
        "continuing_education": "20 CEUs every 2 years",
        "notes": "\n\n".join(
            [
                AHIMA_TEST_WINDOW,
                AHIMA_RETAKE_90
                + " One exam-preparation site gives 30 days for the RHIT instead; the sources disagree, so check "
                "with AHIMA.",
                AHIMA_RECERTIFICATION,
            ]
        ),
        "source_url": "https://www.ahima.org/certification-careers/certifications-overview/rhit/",
    },
    {
        "body": "AHIMA",
        "acronym": "RHIA",
        "slug": "rhia",
        "name": "Registered Health Information Administrator",
        "what_it_shows": (
            "That you can manage health information as a whole: the people, systems and policies behind health "
            "records, data quality, privacy and compliance, and the use of data in decisions."
        ),
        "who_it_suits": (
            "Graduates of a bachelor's degree in health information management who want to lead a records "
            "department, run data governance or privacy programs, or work between clinicians, IT staff and "
            "managers."
        ),
        "eligibility": (
            "You need to complete a bachelor's-level health information management program accredited by CAHIIM, "
            "or an equivalent foreign program covered by an AHIMA reciprocity agreement. You apply with official "
            "transcripts."
        ),
        "qualifying_programs": ["51.0706"],
        "qualifying_award": "bachelor",
        "exam_delivery": "Computer-based, scheduled with Pearson VUE",
        "renewal_cycle_years": 2,
        "continuing_education": "30 CEUs every 2 years",
        "notes": "\n\n".join([AHIMA_TEST_WINDOW, AHIMA_RETAKE_90, AHIMA_RECERTIFICATION]),
        "source_url": "https://www.ahima.org/certification-careers/certifications-overview/rhia/",
    },
    {
        "body": "AHIMA",
        "acronym": "CCA",
        "slug": "cca",
        "name": "Certified Coding Associate",
        "what_it_shows": (
            "Entry-level coding skill: reading a health record and assigning diagnosis and procedure codes "
            "correctly, in hospitals as well as physician practices, and knowing the rules that govern coding "
            "and claims."
        ),
        "who_it_suits": (
            "Newcomers to coding, such as people who have just finished a coding certificate, who want to show "
            "employers they have the basics."
        ),
        "eligibility": (
            "A high school diploma or equivalent is the only requirement. AHIMA recommends, without requiring, at "
            "least one of these first: about six months of hands-on coding work, an AHIMA-approved coding program, "
            "or other training that covers anatomy and physiology, medical terminology, and basic ICD and CPT "
            "coding."
        ),
        "exam_delivery": "Computer-based, scheduled with Pearson VUE",
        "renewal_cycle_years": 2,
        "continuing_education": "20 CEUs every 2 years",
        "notes": "\n\n".join([AHIMA_TEST_WINDOW, AHIMA_RETAKE_30, AHIMA_RECERTIFICATION, AHIMA_SELF_REVIEW_ENDED]),
        "source_url": "https://www.ahima.org/certification-careers/certifications-overview/cca/",
    },
    {
        "body": "AHIMA",
        "acronym": "CCS",
        "slug": "ccs",
        "name": "Certified Coding Specialist",
        "what_it_shows": (
            "Command of hospital coding: classifying diagnoses and procedures from inpatient and outpatient "
            "records with ICD-10-CM, ICD-10-PCS and CPT, with attention to data quality and the payment rules "
            "that depend on the codes."
        ),
        "who_it_suits": "Coders with some experience who work in hospitals, or want to.",
        "eligibility": (
            "AHIMA accepts several combinations of coding education, coding experience and other credentials; a "
            "degree is not required. The accepted routes change from time to time, so read the current list on "
            "AHIMA's CCS page before you apply."
        ),
        "exam_delivery": "Computer-based, scheduled with Pearson VUE",
        "renewal_cycle_years": 2,
        "continuing_education": "20 CEUs every 2 years",
        "notes": "\n\n".join([AHIMA_TEST_WINDOW, AHIMA_RETAKE_30, AHIMA_RECERTIFICATION, AHIMA_SELF_REVIEW_ENDED]),
        "source_url": "https://www.ahima.org/certification-careers/certifications-overview/ccs/",
    },
    {
        "body": "AHIMA",
        "acronym": "CCS-P",
        "slug": "ccs-p",
        "name": "Certified Coding Specialist – Physician-based",
        "what_it_shows": (
            "Skill in coding physician services: assigning CPT, HCPCS Level II and ICD-10-CM codes for the work "
            "done in doctors' offices, group practices, clinics and specialty centers, and knowing the payer rules "
            "that decide how those services are paid."
        ),
        "who_it_suits": "Coders who work for physician practices or clinics, or for billing companies that serve them.",
        "eligibility": (
            "As with the CCS, AHIMA accepts several combinations of coding education, experience and other "
            "credentials. Read the current routes on AHIMA's CCS-P page before you apply."
        ),
        "exam_delivery": "Computer-based, scheduled with Pearson VUE",
        "renewal_cycle_years": 2,
        "continuing_education": "20 CEUs every 2 years",
        "notes": "\n\n".join([AHIMA_TEST_WINDOW, AHIMA_RETAKE_90, AHIMA_RECERTIFICATION, AHIMA_SELF_REVIEW_ENDED]),
        "source_url": "https://www.ahima.org/certification-careers/certifications-overview/ccs-p/",
    },
    {
        "body": "AAPC",
        "acronym": "CPC",
        "slug": "cpc",
        "name": "Certified Professional Coder",
        "what_it_shows": (
            "Skill in coding the professional services of physicians and other providers: the procedures, "
            "diagnoses and supplies billed by offices and clinics with CPT, ICD-10-CM and HCPCS Level II codes, "
            "and the payment and compliance rules that go with them."
        ),
        "who_it_suits": "Coders and billers in physician practices, outpatient clinics, billing companies and insurers.",
        "eligibility": (
            "You must be an AAPC member. AAPC does not ask for proof of education before the exam. If you pass "
            "without two years of coding experience, you hold the credential as an apprentice, CPC-A, until you "
            "meet the experience rule (see below)."
        ),
        "exam_questions": 100,
        "exam_length": "4 hours in person; online, two 2-hour sessions on consecutive days",
        "exam_fee": "$499 in person, including one free retake; $399 online, one attempt (secondary source)",
        "exam_delivery": (
            "In person or online; open book (AMA CPT Professional edition, ICD-10-CM and HCPCS Level II manuals); "
            "pass mark 70%"
        ),
        "renewal_cycle_years": 2,
        "continuing_education": "36 CEUs every 2 years, plus annual AAPC membership",
        "notes": "\n\n".join(
            [
                "The apprentice status, CPC-A: people who pass the exam without two years of coding experience "
                "are certified with an \"A\" after the credential. AAPC removes the \"A\" when you show any one of "
                "these: two years of verified coding employment; one year of employment plus either an "
                "80-contact-hour coding course or AAPC's Practicode practice program; or an 80-hour course plus "
                "Practicode. Details: https://www.aapc.com/certifications/cpc/complete-your-cpc-apprenticeship",
                "The exam format, fees, pass mark and renewal figures above come from a secondary source "
                "(medicalcodingwithconfidence.com/cpc-exam-info), not from AAPC itself. AAPC revises its fees, "
                "so confirm them on aapc.com before you register.",
            ]
        ),
        "source_url": "https://www.aapc.com/certifications/cpc",
    },
    {
        "body": "AAPC",
        "acronym": "COC",
        "slug": "coc",
        "name": "Certified Outpatient Coder",
        "what_it_shows": (
            "Skill in coding for hospital outpatient facilities, such as emergency departments, outpatient "
            "surgery, hospital clinics and ambulatory surgery centers, where the facility's own claim follows "
            "different payment rules from a physician's bill."
        ),
        "who_it_suits": "Coders and billers who work in hospital outpatient departments or ambulatory surgery centers.",
        "eligibility": (
            "AAPC membership is required. AAPC publishes the current exam requirements, format and fees on its COC "
            "page; we have not yet checked them, so none are listed here."
        ),
        "notes": "",
        "source_url": "https://www.aapc.com/certifications/coc",
    },
    {
        "body": "NCRA",
        "acronym": "CTR",
        "slug": "ctr",
        "name": "Certified Tumor Registrar (now Oncology Data Specialist)",
        "what_it_shows": (
            "Expertise in cancer data: finding every reportable cancer case, abstracting its diagnosis, stage, "
            "treatment and follow-up, and coding them to the national standards that hospital, state and federal "
            "registries use."
        ),
        "who_it_suits": (
            "Cancer registrars in hospital and state registries, and health information professionals who want "
            "to specialize in cancer data."
        ),
        "eligibility": (
            "NCRA sets several eligibility paths (called A1, A2 and B), each a combination of education and "
            "experience in cancer registry work. Check which path fits you on NCRA's site before you apply."
        ),
        "exam_fee": (
            "Not confirmed for this year; NCRA's exam page for 2019-2020 listed $315 for members and $415 for "
            "non-members"
        ),
        "exam_delivery": "Three testing windows a year, each three weeks long",
        "renewal_cycle_years": 2,
        "continuing_education": "20 continuing education hours every 2 years",
        "notes": "\n\n".join(
            [
                "In 2024 NCRA renamed the credential from Certified Tumor Registrar (CTR) to Oncology Data "
                "Specialist (ODS); holders are now described as ODS-certified. Many job postings and some state "
                "rules still say CTR. Source: https://www.ncra-usa.org/About/What-is-NCRA",
                "The continuing-education cycle ends on 31 December; you report your hours, and pay the annual "
                "maintenance fee, by 31 January. The fee is $35 a year for NCRA members and $145 for non-members.",
                "The exam fee above comes from NCRA's exam page as it stood in 2019-2020 and is likely out of date; "
                "see https://www.ncra-usa.org/ for the current fee.",
            ]
        ),
        "source_url": "https://www.ncra-usa.org/ODS-Credential/Current-ODS",
    },
]

CIP_TITLES = {
    "51.0707": "Health Information/Medical Records Technology/Technician.",
    "51.0706": "Health Information/Medical Records Administration/Administrator.",
}


def install_certifications(apps, schema_editor):
    CertifyingBody = apps.get_model("certifications", "CertifyingBody")
    Certification = apps.get_model("certifications", "Certification")
    CipCode = apps.get_model("schools", "CipCode")

    bodies = {}
    for data in BODIES:
        fields = dict(data)
        acronym = fields.pop("acronym")
        bodies[acronym], _ = CertifyingBody.objects.get_or_create(acronym=acronym, defaults=fields)

    for data in CERTIFICATIONS:
        fields = dict(data)
        body = bodies[fields.pop("body")]
        programs = fields.pop("qualifying_programs", [])
        slug = fields.pop("slug")
        certification, created = Certification.objects.get_or_create(
            slug=slug, defaults={**fields, "body": body, "facts_checked_on": CHECKED_ON}
        )
        if not created:
            continue
        for code in programs:
            cip, _ = CipCode.objects.get_or_create(code=code, defaults={"title": CIP_TITLES[code], "digits": 6})
            certification.qualifying_programs.add(cip)


def remove_certifications(apps, schema_editor):
    Certification = apps.get_model("certifications", "Certification")
    CertifyingBody = apps.get_model("certifications", "CertifyingBody")
    Certification.objects.filter(slug__in=[c["slug"] for c in CERTIFICATIONS]).delete()
    CertifyingBody.objects.filter(
        acronym__in=[b["acronym"] for b in BODIES], certifications__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("certifications", "0001_initial"),
        ("schools", "0001_initial"),
    ]

    operations = [migrations.RunPython(install_certifications, remove_certifications)]
