"""Content: the first five career guides, written for this site, published, and linked to their occupations,
certifications, related guides and sources.

The Medical Biller and Coder guide covers every part of the page the project started from (what the work is,
where it happens, how to begin, certifications, specializations including cancer registry, pay and outlook,
related careers, sources and associations), in new words and with current figures (the figures themselves come
from WageEstimate and EmploymentProjection, never from this text). Staff edit all of it in the admin afterwards.

Safe to run on a database that already has data: guides, occupations and CIP codes are looked up by natural
key, and a guide that already exists (for example one staff created by hand) is left exactly as it is.
"""

from django.db import migrations
from django.utils import timezone

OCCUPATION_TITLES = {
    "29-2072": "Medical Records Specialists",
    "29-9021": "Health Information Technologists and Medical Registrars",
    "31-9092": "Medical Assistants",
    "31-9094": "Medical Transcriptionists",
}

BLS_PROJECTIONS = (
    "Employment Projections 2024-34, occupational table",
    "Bureau of Labor Statistics",
    "https://www.bls.gov/emp/tables/occupational-projections-and-characteristics.htm",
)

GUIDES = [
    {
        "slug": "medical-biller-and-coder",
        "title": "Medical Biller and Coder Careers",
        "short_name": "Medical Biller and Coder",
        "occupations": ["29-2072"],
        "summary": (
            "Medical billers and coders turn each diagnosis, test and treatment in a patient's record into "
            "standard codes, then use those codes to get the provider paid by insurers and patients."
        ),
        "what_they_do": (
            "Before a hospital or doctor's office can be paid, every diagnosis and every service in a patient's "
            "record has to be translated into a standard code. Medical coders read the clinical notes, test "
            "results and operative reports and assign those codes: ICD-10-CM for diagnoses, and CPT, HCPCS Level "
            "II or ICD-10-PCS for procedures, services and supplies. Medical billers take the coded record, "
            "build the claim, send it to the insurance plan, chase claims that are denied or underpaid, and bill "
            "the patient for whatever is left.\n\n"
            "In a small practice one person often does both jobs; large hospitals tend to keep them apart. "
            "Either way the work calls for a working knowledge of medical terminology and anatomy, careful "
            "reading, and ease with electronic health record and billing software. When a note is unclear, a "
            "good coder asks the clinician instead of guessing, because a wrong code can mean a rejected claim "
            "or a compliance problem.\n\n"
            "In federal statistics billers and coders have no occupation code of their own: they fall under "
            "medical records specialists (SOC 29-2072), so the pay and outlook figures on this page describe that "
            "larger group."
        ),
        "where_they_work": (
            "Hospitals and physicians' offices employ most billers and coders. Others work for outpatient "
            "surgery centers, nursing and residential care facilities, home health agencies, billing companies "
            "that handle claims for many practices, and health insurers, which hire coders to review the claims "
            "they receive.\n\n"
            "This is desk work, nearly all of it on a computer. Most jobs are full time, though part-time posts "
            "exist. Hospitals never close, so some hospital coders work evenings or nights. Now that records are "
            "electronic, remote coding jobs are common, although employers usually want some experience first. "
            "Much of the day is spent working alone, with regular contact with doctors, nurses and the billing "
            "team to settle questions about a record."
        ),
        "how_to_begin_intro": (
            "There is more than one way in, and what employers ask for depends on the setting: a hospital coding "
            "job usually expects more than a billing role in a small practice. The steps below describe a common "
            "route. They make you a stronger candidate, but no program or credential guarantees a job."
        ),
        "steps": [
            "If you are still in high school, choose biology, health and math, and learn to type quickly and use "
            "spreadsheets; coding programs build on all of them.",
            "Get your diploma or a GED. Training programs and the entry-level exams check for one.",
            "Complete a billing and coding program. A certificate usually takes a year or less; an associate "
            "degree takes about two years and adds more health information management. Check that the program "
            "teaches anatomy, medical terminology, ICD-10-CM, CPT, HCPCS and how insurers pay claims.",
            "Get hands-on practice. Many programs include an externship in a hospital or clinic, where you code "
            "real records under supervision. If yours does not, look for an internship or an entry job such as "
            "patient registration or charge entry.",
            "Sit a certification exam once you qualify. Which one depends on where you want to work; the next "
            "section compares them.",
            "Apply for jobs in the settings that interest you. Entry-level titles include coding specialist, "
            "billing specialist, charge entry specialist and health information clerk.",
            "Expect a background check, and at many employers a drug screen, before you start: you will handle "
            "private health and financial information.",
        ],
        "post_education_intro": (
            "No law requires a coder to be certified, but a credential is often the first thing a hiring manager "
            "looks for. To earn one you pass an exam set by a professional body; most bodies also want to see "
            "training or work experience first. The American Health Information Management Association (AHIMA) and AAPC award the "
            "credentials that job postings name most often. AHIMA's are listed first below; AAPC's CPC and COC "
            "follow."
        ),
        "certifications": [
            ("rhit", "Built on an accredited associate degree in health information; it opens records and data "
             "jobs as well as coding."),
            ("cca", "AHIMA's entry-level coding credential, for newcomers in hospitals or physician practices."),
            ("ccs", "For experienced coders, mainly in hospitals: inpatient and outpatient coding with ICD-10-CM, "
             "ICD-10-PCS and CPT."),
            ("ccs-p", "For coders in physicians' offices, clinics and other provider practices."),
            ("cpc", "AAPC's best-known credential, for coding physician services; new holders without two years' "
             "experience start as CPC-A apprentices."),
            ("coc", "AAPC's credential for coding in hospital outpatient departments and surgery centers."),
        ],
        "certification_renewal_note": (
            "Passing the exam is not the end. Each of these credentials must be renewed, usually every two years, "
            "by earning continuing education units and paying a fee. Code sets are revised every year, so the "
            "education keeps you accurate as well as certified. Each certification's page gives its renewal "
            "rules."
        ),
        "specializations_intro": (
            "With a few years of general experience, many coders narrow their focus to one setting, one branch "
            "of medicine or a neighboring field."
        ),
        "specializations": [
            {
                "name": "Hospital or physician coding",
                "description": (
                    "Hospital coders work on inpatient stays and hospital outpatient procedures, using ICD-10-CM "
                    "and ICD-10-PCS as well as CPT. Coders in physicians' offices and clinics work mostly with CPT, "
                    "HCPCS and ICD-10-CM. Each path has its own credentials: the CCS or COC for hospital work, the "
                    "CCS-P or CPC for physician services."
                ),
            },
            {
                "name": "A medical specialty",
                "description": (
                    "Experienced coders can concentrate on one field, such as radiology, cardiology, oncology or "
                    "surgery, where the procedures and documentation rules take time to master. AAPC offers "
                    "specialty credentials for several of these fields."
                ),
            },
            {
                "name": "Cancer registry",
                "description": (
                    "Cancer registrars record detailed information about each cancer patient: the tumor's type "
                    "and stage, the treatment given and how the patient does over the following years. Hospitals, "
                    "states and national programs use the data to track cancer and judge care. The field's "
                    "credential is NCRA's Certified Tumor Registrar (CTR), renamed Oncology Data Specialist in "
                    "2024; some states require registrars to hold it, and many employers ask for it."
                ),
                "related_career": "cancer-registrar",
                "certification": "ctr",
            },
        ],
        "job_outlook_narrative": (
            "BLS expects the number of medical records specialists to keep growing. An older population uses "
            "more health care, and every extra visit, scan and operation produces a record to code and a claim to "
            "send; the coding rules themselves also keep getting more detailed. Software that suggests codes automatically is expected "
            "to make coders more productive, which holds growth down somewhat. Most openings each year will come "
            "from replacing people who retire or change careers."
        ),
        "pay_narrative": (
            "Pay varies with where you work, what you code and how long you have done it. Coding complex hospital "
            "stays, specialty coding and auditing usually pay more than entry-level billing work, and the state "
            "table shows how much location matters."
        ),
        "related_careers_intro": (
            "These careers sit close to billing and coding: they work with the same records, the same medical "
            "language or the same clinics."
        ),
        "related": [
            ("Medical Transcriptionist", "Listens to what clinicians dictate and produces the finished documents for the record.",
             "medical-transcriptionist", "31-9094"),
            ("Medical Assistant", "Runs the front desk and helps with exams, vital signs and other patient care in clinics.",
             "medical-assistant", "31-9092"),
            ("Cancer Registrar", "Collects and codes data on every cancer case for hospital and state registries.",
             "cancer-registrar", "29-9021"),
            ("Health Information Technician", "Keeps health records complete, accurate, coded and secure.",
             "health-information-technician", "29-9021"),
        ],
        "sources_intro": (
            "The professional bodies below run the main credentials; the official pages are where our figures "
            "and the code sets come from."
        ),
        "sources": [
            ("association", "AAPC", "AAPC", "https://www.aapc.com/"),
            ("association", "American Health Information Management Association (AHIMA)", "AHIMA",
             "https://www.ahima.org/"),
            ("association", "National Cancer Registrars Association (NCRA)", "NCRA", "https://www.ncra-usa.org/"),
            ("source", "International Classification of Diseases (ICD)", "World Health Organization",
             "https://www.who.int/standards/classifications/classification-of-diseases"),
            ("source", "ICD-10-CM, the U.S. diagnosis code set", "CDC National Center for Health Statistics",
             "https://www.cdc.gov/nchs/icd/icd-10-cm/index.html"),
            ("source", "Medical Records Specialists (29-2072): Occupational Employment and Wages",
             "Bureau of Labor Statistics", "https://www.bls.gov/oes/current/oes292072.htm"),
            ("source", "Medical Records Specialists: Occupational Outlook Handbook", "Bureau of Labor Statistics",
             "https://www.bls.gov/ooh/healthcare/medical-records-and-health-information-technicians.htm"),
            ("source", *BLS_PROJECTIONS),
        ],
        "cip_includes": [
            ("51.0714", "Medical Insurance Specialist/Medical Biller.",
             "Billing programs train for this career; the crosswalk maps them to a different occupation."),
        ],
    },
    {
        "slug": "medical-transcriptionist",
        "title": "Medical Transcriptionist Careers",
        "short_name": "Medical Transcriptionist",
        "occupations": ["31-9094"],
        "summary": (
            "Medical transcriptionists turn clinicians' dictated notes into written records, and now spend much "
            "of their time editing drafts produced by speech recognition software."
        ),
        "what_they_do": (
            "Doctors, nurse practitioners and other clinicians often dictate their notes after seeing a patient. "
            "Medical transcriptionists listen to the recordings and produce the documents that go into the health "
            "record: histories and physical exams, consultation notes, operative reports, discharge summaries and "
            "letters to other providers.\n\n"
            "Speech recognition software now writes most first drafts, so much of the job is editing: listening "
            "while reading the draft, correcting misheard drug names, doses and terms, fixing grammar and layout, "
            "and flagging anything that looks clinically inconsistent for the author to check. Other clinicians, "
            "insurers and courts rely on these documents, so accuracy matters more than speed."
        ),
        "where_they_work": (
            "Hospitals, physicians' offices and companies that sell transcription services to many clients "
            "employ most transcriptionists. Many work from home, connected to their employer's systems, and some "
            "work as independent contractors paid by the line or by the minute of audio.\n\n"
            "The work is done at a computer with headphones, often with a foot pedal to control playback. "
            "Deadlines can be tight, and long stretches of focused listening and typing call for a good chair, "
            "screen and keyboard set-up."
        ),
        "how_to_begin_intro": (
            "Most transcriptionists complete a short postsecondary program. The steps below are a typical route; "
            "they improve your chances but do not guarantee a job, and the number of jobs is shrinking (see the "
            "outlook below)."
        ),
        "steps": [
            "In high school, work on English grammar and spelling, typing, and biology.",
            "Finish high school or earn a GED or another equivalency credential.",
            "Complete a certificate program in medical transcription or healthcare documentation, usually a year "
            "or less. Look for medical terminology, anatomy, pharmacology, style rules and editing of "
            "speech-recognition drafts.",
            "Build speed and accuracy on practice dictation, including different accents and specialties.",
            "Consider a credential from the Association for Healthcare Documentation Integrity (AHDI).",
            "Apply to hospitals, clinics and documentation companies. Related roles such as medical scribe or "
            "coder are worth a look too.",
        ],
        "post_education_intro": (
            "No license is required, but some employers prefer a credential. The Association for Healthcare "
            "Documentation Integrity (AHDI) offers two: the Registered Healthcare Documentation Specialist "
            "(RHDS), for people early in their careers, and the Certified Healthcare Documentation Specialist "
            "(CHDS), for experienced transcriptionists. Our certifications section does not cover them yet; "
            "AHDI's site has the current requirements."
        ),
        "certifications": [],
        "certification_renewal_note": (
            "Both AHDI credentials have to be renewed every few years with continuing education."
        ),
        "specializations_intro": "",
        "specializations": [],
        "job_outlook_narrative": (
            "BLS expects the number of medical transcriptionists to fall over the decade. Speech recognition and "
            "AI tools now produce most drafts, and many clinicians type or dictate straight into the electronic "
            "health record, so fewer people are needed to type notes from scratch. Openings will still appear, "
            "mostly to replace people who retire or move to other work, and editing skill now counts for more "
            "than typing speed."
        ),
        "pay_narrative": (
            "Pay depends on the employer and on how you are paid: by the hour, by the line or by the minute of "
            "audio. Under production pay, people who handle difficult or specialty dictation quickly and "
            "accurately earn more."
        ),
        "related_careers_intro": "These careers use the same knowledge of medical language and records.",
        "related": [
            ("Medical Biller and Coder", "Turns the care in a patient's record into codes and insurance claims.",
             "medical-biller-and-coder", "29-2072"),
            ("Medical Assistant", "Runs the front desk and helps with exams, vital signs and other patient care in clinics.",
             "medical-assistant", "31-9092"),
        ],
        "sources_intro": "More on the work and the figures above:",
        "sources": [
            ("association", "Association for Healthcare Documentation Integrity (AHDI)", "AHDI",
             "https://www.ahdionline.org/"),
            ("source", "Medical Transcriptionists (31-9094): Occupational Employment and Wages",
             "Bureau of Labor Statistics", "https://www.bls.gov/oes/current/oes319094.htm"),
            ("source", "Medical Transcriptionists: Occupational Outlook Handbook", "Bureau of Labor Statistics",
             "https://www.bls.gov/ooh/healthcare/medical-transcriptionists.htm"),
            ("source", *BLS_PROJECTIONS),
        ],
        "cip_includes": [],
    },
    {
        "slug": "medical-assistant",
        "title": "Medical Assistant Careers",
        "short_name": "Medical Assistant",
        "occupations": ["31-9092"],
        "summary": (
            "Medical assistants keep a clinic running, working the front desk and helping with patient care, "
            "from taking vital signs to preparing patients for exams."
        ),
        "what_they_do": (
            "Medical assistants split the day between patients and paperwork. On the clinical side they bring "
            "patients to the exam room, measure blood pressure, pulse, height and weight, note the reason for the "
            "visit in the health record, prepare instruments and help the clinician during exams. Depending on "
            "their training and their state's rules, they may also collect specimens, draw blood, give "
            "injections or run simple tests such as an electrocardiogram.\n\n"
            "On the administrative side they answer phones, schedule appointments, check patients in and out, "
            "update records, handle referrals and insurance approvals, and sometimes do basic billing and coding. "
            "In a small office one assistant may do all of it; larger clinics often split the roles."
        ),
        "where_they_work": (
            "Most medical assistants work in physicians' offices. Others work in hospital clinics, urgent care "
            "and other outpatient centers, and the offices of chiropractors, podiatrists and other "
            "practitioners.\n\n"
            "The job is active: you spend much of the day on your feet, moving between exam rooms and the front "
            "desk and dealing with patients who may be unwell or worried. Most assistants work full time during "
            "office hours; clinics that open in the evening or at weekends need staff then too."
        ),
        "how_to_begin_intro": (
            "Some employers still train medical assistants on the job, but finishing a program and earning a "
            "credential opens more doors. A common route is below; it helps, but it does not guarantee a job."
        ),
        "steps": [
            "In high school, take biology, health and anatomy if offered, plus keyboarding.",
            "Finish high school or earn a GED or another equivalency credential.",
            "Complete a medical assisting program: certificates and diplomas often take about a year, associate "
            "degrees about two. A program accredited by CAAHEP or ABHES keeps the most credentials open to you.",
            "Complete the externship most programs include, working in a clinic under supervision.",
            "Earn a credential such as the CMA (AAMA), RMA or CCMA (see below).",
            "Get CPR or basic life support certification, which many employers require.",
            "Apply for jobs; expect a background check and a request for your immunization records.",
        ],
        "post_education_intro": (
            "Most states do not license medical assistants, but many employers prefer certified ones, and some "
            "states only let certified assistants carry out certain tasks, such as giving injections. The "
            "best-known credentials are the Certified Medical Assistant, CMA (AAMA), from the American "
            "Association of Medical Assistants; the Registered Medical Assistant (RMA) from American Medical "
            "Technologists; and the Certified Clinical Medical Assistant (CCMA) from the National Healthcareer "
            "Association. Our certifications section does not cover them yet; each body's site lists its exam "
            "rules."
        ),
        "certifications": [],
        "certification_renewal_note": (
            "All three must be renewed on a set cycle, through continuing education or by retaking the exam."
        ),
        "specializations_intro": "Experience opens a few directions.",
        "specializations": [
            {
                "name": "A medical specialty",
                "description": (
                    "Assistants who work in one field for a while, such as cardiology, dermatology, eye care, "
                    "pediatrics or foot care, learn its particular tests and procedures."
                ),
            },
            {
                "name": "Billing and coding",
                "description": (
                    "Assistants who enjoy the administrative side can move into billing and coding, usually "
                    "after more training and a coding credential."
                ),
                "related_career": "medical-biller-and-coder",
            },
        ],
        "job_outlook_narrative": (
            "Demand for medical assistants is rising as more care moves to clinics and as practices adopt "
            "team-based care, handing routine clinical and administrative tasks to assistants so that doctors and "
            "nurses can concentrate on what only they can do. An aging population, needing more visits, adds to "
            "the demand."
        ),
        "pay_narrative": (
            "Pay varies with region, employer and experience; the state table shows how much location matters."
        ),
        "related_careers_intro": "These careers share the same settings and much of the same knowledge.",
        "related": [
            ("Medical Biller and Coder", "Turns the care in a patient's record into codes and insurance claims.",
             "medical-biller-and-coder", "29-2072"),
            ("Medical Transcriptionist", "Listens to what clinicians dictate and produces the finished documents for the record.",
             "medical-transcriptionist", "31-9094"),
        ],
        "sources_intro": "More on the work and the figures above:",
        "sources": [
            ("association", "American Association of Medical Assistants (AAMA)", "AAMA", "https://www.aama-ntl.org/"),
            ("source", "Medical Assistants (31-9092): Occupational Employment and Wages",
             "Bureau of Labor Statistics", "https://www.bls.gov/oes/current/oes319092.htm"),
            ("source", "Medical Assistants: Occupational Outlook Handbook", "Bureau of Labor Statistics",
             "https://www.bls.gov/ooh/healthcare/medical-assistants.htm"),
            ("source", *BLS_PROJECTIONS),
        ],
        "cip_includes": [],
    },
    {
        "slug": "cancer-registrar",
        "title": "Cancer Registrar Careers",
        "short_name": "Cancer Registrar",
        "occupations": ["29-9021"],
        "summary": (
            "Cancer registrars gather and code detailed information on every cancer patient a hospital or region "
            "sees, building the data behind cancer statistics, research and standards of care."
        ),
        "what_they_do": (
            "Every cancer diagnosed in the United States is meant to be reported to a registry, and cancer "
            "registrars make that happen. They find each reportable case in pathology reports, admissions and "
            "clinic records; abstract the key facts, such as where the tumor started, what type it is, its stage "
            "and the treatment given; code them with standard manuals; and follow patients year after year to "
            "record how they are doing.\n\n"
            "The data flows from hospital registries to state central registries and on to national programs "
            "run by the Centers for Disease Control and Prevention and the National Cancer Institute. Researchers "
            "use it to study survival and treatment, public health agencies to spot trends, and hospitals to "
            "check the quality of their cancer care. Registrars also prepare reports and answer data requests."
        ),
        "where_they_work": (
            "Most registrars work for hospitals with cancer programs. Others work for state and regional "
            "registries, federal agencies, research organizations and companies that run registries for several "
            "hospitals. The work is done at a computer, and once trained many registrars work remotely."
        ),
        "how_to_begin_intro": (
            "Most registrars come to the field from health information management or another health-related "
            "background. A common route is below; it helps, but it does not guarantee a job."
        ),
        "steps": [
            "In high school, take biology, anatomy if offered, and computer classes.",
            "Finish high school or earn a GED or another equivalency credential.",
            "Earn an associate degree or higher in a health-related field such as health information "
            "management, or complete a cancer registry program accredited by NCRA.",
            "Complete a practicum in a cancer registry; NCRA-accredited programs build one in.",
            "Gain experience, often as a trainee abstractor or in a health information role.",
            "When you meet one of NCRA's eligibility paths, pass its exam for the CTR credential (now called "
            "Oncology Data Specialist).",
            "Keep up with the coding and staging rules, which change every year, through continuing education.",
        ],
        "post_education_intro": (
            "The field's main credential is NCRA's Certified Tumor Registrar (CTR), renamed Oncology Data "
            "Specialist (ODS) in 2024. Many employers ask for it, and some states require it for registry work. "
            "Registrars from a health information background often hold AHIMA's RHIT or RHIA as well."
        ),
        "certifications": [
            ("ctr", "The cancer registry credential; many registry jobs ask for it."),
            ("rhit", "Common among registrars who come from an associate degree in health information."),
            ("rhia", "For registrars with a bachelor's in health information who move into management."),
        ],
        "certification_renewal_note": (
            "Keeping the CTR (ODS) credential takes 20 hours of continuing education every two years and an "
            "annual fee; AHIMA credentials have their own two-year cycle."
        ),
        "specializations_intro": "",
        "specializations": [],
        "job_outlook_narrative": (
            "BLS counts cancer registrars together with health information technologists (SOC 29-9021), so the "
            "figures here cover both. It expects the group to grow as health care produces ever more data that "
            "organizations need people to manage and analyze. Cancer becomes more common with age, so an older "
            "population also means more cases to register."
        ),
        "pay_narrative": (
            "These figures cover the whole BLS group, which includes health information technologists in "
            "IT-heavy roles, so registrars' own pay may differ from them."
        ),
        "related_careers_intro": "These careers draw on the same records and coding skills.",
        "related": [
            ("Health Information Technician", "Keeps health records complete, accurate, coded and secure.",
             "health-information-technician", "29-9021"),
            ("Medical Biller and Coder", "Turns the care in a patient's record into codes and insurance claims.",
             "medical-biller-and-coder", "29-2072"),
        ],
        "sources_intro": "More on registry work and the figures above:",
        "sources": [
            ("association", "National Cancer Registrars Association (NCRA)", "NCRA", "https://www.ncra-usa.org/"),
            ("source", "Surveillance, Epidemiology, and End Results (SEER) Program", "National Cancer Institute",
             "https://seer.cancer.gov/"),
            ("source", "Health Information Technologists and Medical Registrars (29-9021): Occupational "
             "Employment and Wages", "Bureau of Labor Statistics", "https://www.bls.gov/oes/current/oes299021.htm"),
            ("source", "Health Information Technologists and Medical Registrars: Occupational Outlook Handbook",
             "Bureau of Labor Statistics",
             "https://www.bls.gov/ooh/healthcare/health-information-technologists-and-medical-registrars.htm"),
            ("source", *BLS_PROJECTIONS),
        ],
        "cip_includes": [],
    },
    {
        "slug": "health-information-technician",
        "title": "Health Information Technician Careers",
        "short_name": "Health Information Technician",
        "occupations": ["29-9021"],
        "summary": (
            "Health information technicians make sure patient records are complete, accurate, coded and "
            "protected, and turn them into data that hospitals and public health agencies can use."
        ),
        "what_they_do": (
            "Health information technicians look after the health record as a whole. They check that records are "
            "complete and signed, get errors corrected, assign or review codes, abstract data for registries and "
            "quality programs, handle requests for copies of records, and apply privacy and security rules such "
            "as HIPAA. With experience many move into data work: running reports from the electronic health "
            "record, checking data quality and helping clinicians and managers make sense of the numbers.\n\n"
            "BLS counts health information technologists and medical registrars together (SOC 29-9021), and the "
            "figures on this page are for that group. Many people with the RHIT credential do work that BLS "
            "counts under medical records specialists (29-2072), the occupation in our Medical Biller and Coder "
            "guide."
        ),
        "where_they_work": (
            "Hospitals employ the largest share. Others work in physician practices and clinics, nursing and "
            "residential care, insurance companies, government and public health agencies, and companies that "
            "sell health software or coding services. The work is mostly at a computer during regular hours, and "
            "remote work is increasingly common."
        ),
        "how_to_begin_intro": (
            "Most employers look for an associate degree in health information and the RHIT credential. A common "
            "route is below; it helps, but it does not guarantee a job."
        ),
        "steps": [
            "In high school, take biology, math and computer classes.",
            "Finish high school or earn a GED or another equivalency credential.",
            "Complete an associate degree in health information technology accredited by CAHIIM; the RHIT exam "
            "requires one.",
            "Complete the professional practice placement that accredited programs include.",
            "Take the RHIT exam; students in accredited programs may sit it before they graduate.",
            "Apply for roles such as health information technician, data quality specialist, release of "
            "information specialist or coding specialist.",
            "For management roles later, consider a bachelor's in health information management and the RHIA.",
        ],
        "post_education_intro": (
            "AHIMA's Registered Health Information Technician (RHIT) is the credential most employers look for, "
            "and it requires an associate degree from a CAHIIM-accredited program. A bachelor's in health "
            "information management leads to the Registered Health Information Administrator (RHIA). Coding "
            "credentials such as the CCA or CCS add to either."
        ),
        "certifications": [
            ("rhit", "The core credential for this career; it requires an accredited associate degree."),
            ("rhia", "The next step up, for graduates of an accredited bachelor's program."),
            ("cca", "Shows entry-level coding skill; useful if your job includes coding."),
            ("ccs", "For technicians who code hospital records."),
        ],
        "certification_renewal_note": (
            "AHIMA credentials are renewed every two years with continuing education units and a fee."
        ),
        "specializations_intro": "Health information work branches into several specialties.",
        "specializations": [
            {
                "name": "Cancer registry",
                "description": (
                    "Registrars collect and code detailed data on every cancer case for hospital and state "
                    "registries. NCRA's CTR credential (now called Oncology Data Specialist) is the standard."
                ),
                "related_career": "cancer-registrar",
                "certification": "ctr",
            },
            {
                "name": "Coding",
                "description": (
                    "Many technicians specialize in coding, in a hospital or a physician practice, and add a "
                    "coding credential."
                ),
                "related_career": "medical-biller-and-coder",
            },
        ],
        "job_outlook_narrative": (
            "BLS expects the health information technologist and registrar group to grow as health care produces "
            "more data and organizations need people to manage it, keep it accurate and use it to run services "
            "and improve care."
        ),
        "pay_narrative": (
            "These figures cover technologists and registrars together. Pay is higher in data, IT and management "
            "roles than in records work, and it varies by state."
        ),
        "related_careers_intro": "These careers work with the same records.",
        "related": [
            ("Medical Biller and Coder", "Turns the care in a patient's record into codes and insurance claims.",
             "medical-biller-and-coder", "29-2072"),
            ("Cancer Registrar", "Collects and codes data on every cancer case for hospital and state registries.",
             "cancer-registrar", "29-9021"),
        ],
        "sources_intro": "More on health information work and the figures above:",
        "sources": [
            ("association", "American Health Information Management Association (AHIMA)", "AHIMA",
             "https://www.ahima.org/"),
            ("association", "Commission on Accreditation for Health Informatics and Information Management "
             "Education (CAHIIM)", "CAHIIM", "https://www.cahiim.org/"),
            ("source", "Health Information Technologists and Medical Registrars (29-9021): Occupational "
             "Employment and Wages", "Bureau of Labor Statistics", "https://www.bls.gov/oes/current/oes299021.htm"),
            ("source", "Health Information Technologists and Medical Registrars: Occupational Outlook Handbook",
             "Bureau of Labor Statistics",
             "https://www.bls.gov/ooh/healthcare/health-information-technologists-and-medical-registrars.htm"),
            ("source", *BLS_PROJECTIONS),
        ],
        "cip_includes": [],
    },
]

CAREER_TEXT_FIELDS = [
    "title",
    "short_name",
    "summary",
    "what_they_do",
    "where_they_work",
    "how_to_begin_intro",
    "post_education_intro",
    "certification_renewal_note",
    "specializations_intro",
    "job_outlook_narrative",
    "pay_narrative",
    "related_careers_intro",
    "sources_intro",
]


def install_guides(apps, schema_editor):
    Career = apps.get_model("careers", "Career")
    CareerOccupation = apps.get_model("careers", "CareerOccupation")
    CareerStep = apps.get_model("careers", "CareerStep")
    Specialization = apps.get_model("careers", "Specialization")
    RelatedCareer = apps.get_model("careers", "RelatedCareer")
    Source = apps.get_model("careers", "Source")
    Occupation = apps.get_model("careers", "Occupation")
    Certification = apps.get_model("certifications", "Certification")
    CareerCertification = apps.get_model("certifications", "CareerCertification")
    CipCode = apps.get_model("schools", "CipCode")
    CareerProgram = apps.get_model("schools", "CareerProgram")

    now = timezone.now()
    occupations = {
        soc: Occupation.objects.get_or_create(soc_code=soc, defaults={"title": title})[0]
        for soc, title in OCCUPATION_TITLES.items()
    }
    certifications = {c.slug: c for c in Certification.objects.all()}

    # First pass: the guides themselves, so the second pass can link them to each other.
    careers, new_slugs = {}, set()
    for guide in GUIDES:
        career, created = Career.objects.get_or_create(
            slug=guide["slug"],
            defaults={
                **{field: guide[field] for field in CAREER_TEXT_FIELDS},
                "status": "published",
                "published_at": now,
                "last_reviewed_at": now,
            },
        )
        careers[guide["slug"]] = career
        if created:
            new_slugs.add(guide["slug"])

    for guide in GUIDES:
        if guide["slug"] not in new_slugs:
            continue  # someone already made this guide; their version stands
        career = careers[guide["slug"]]
        for position, soc in enumerate(guide["occupations"]):
            CareerOccupation.objects.create(career=career, occupation=occupations[soc], is_primary=position == 0)
        CareerStep.objects.bulk_create(
            CareerStep(career=career, order=order, text=text) for order, text in enumerate(guide["steps"], start=1)
        )
        for order, (slug, note) in enumerate(guide["certifications"], start=1):
            if slug in certifications:
                CareerCertification.objects.create(
                    career=career, certification=certifications[slug], order=order, note=note
                )
        for order, spec in enumerate(guide["specializations"], start=1):
            Specialization.objects.create(
                career=career,
                order=order,
                name=spec["name"],
                description=spec["description"],
                related_career=careers.get(spec.get("related_career")),
                certification=certifications.get(spec.get("certification")),
            )
        for order, (title, description, target_slug, soc) in enumerate(guide["related"], start=1):
            RelatedCareer.objects.create(
                career=career,
                order=order,
                title=title,
                description=description,
                target=careers.get(target_slug),
                occupation=occupations.get(soc),
            )
        for order, (kind, title, organization, url) in enumerate(guide["sources"], start=1):
            Source.objects.create(
                career=career, order=order, kind=kind, title=title, organization=organization, url=url
            )
        for code, title, note in guide["cip_includes"]:
            cip, _ = CipCode.objects.get_or_create(code=code, defaults={"title": title, "digits": 6})
            CareerProgram.objects.get_or_create(
                career=career, cip=cip, defaults={"action": "include", "note": note}
            )


def remove_guides(apps, schema_editor):
    Career = apps.get_model("careers", "Career")
    Career.objects.filter(slug__in=[guide["slug"] for guide in GUIDES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0003_oews_may_2025_and_projections_2024_34"),
        ("certifications", "0002_ahima_aapc_ncra_credentials"),
        ("schools", "0001_initial"),
    ]

    operations = [migrations.RunPython(install_guides, remove_guides)]
