"""O*NET database (text release, tab-separated): descriptions, tasks, alternate titles, job zone and typical
education for the occupations we already have. O*NET-SOC 29-2072.00 is SOC 29-2072; the .01, .02 ... specialties
are not separate occupations here and are skipped. O*NET is CC BY 4.0: the attribution is stored with every description.

The source is the release folder (``db_27_0_text``) or its zip.
"""

import re

from reference_data.models import Occupation, OccupationAlternateTitle, OccupationTask

from .. import freshness
from .base import Importer
from .parsers import Column, cell_text, code, decimal, integer, text
from .readers import read_delimited
from .report import Counts, ImportFailed, Skip
from .upsert import Upsert

ATTRIBUTION = "O*NET {version} Database, U.S. Department of Labor, Employment and Training Administration, CC BY 4.0"
ONET_CODE = code(r"\d{2}-\d{4}\.\d{2}", description="an O*NET-SOC code (29-2072.00)")
OCCUPATION_DATA = "Occupation Data.txt"
TASKS = "Task Statements.txt"
JOB_ZONES = "Job Zones.txt"
EDUCATION = "Education, Training, and Experience.txt"
EDUCATION_CATEGORIES = "Education, Training, and Experience Categories.txt"
ALTERNATE_TITLES = "Alternate Titles.txt"
REQUIRED_LEVEL_OF_EDUCATION = ("2.D.1", "RL")


def soc_of(onet_code: str) -> str | None:
    """29-2072.00 -> 29-2072; a specialty such as 29-1141.01 has no SOC occupation of its own."""
    return onet_code[:7] if onet_code.endswith(".00") else None


def short_label(description: str) -> str:
    # "Post-Secondary Certificate - awarded for training ..." -> "Post-Secondary Certificate"
    return re.split(r" - | \(", description, maxsplit=1)[0].strip()[:200]


class OnetImporter(Importer):
    dataset = "onet"
    title = "O*NET occupation data"
    loads = "descriptions, tasks, alternate titles, job zone and typical education for occupations already loaded"
    example_file = "onet/db_27_0_text/"
    import_order = 70
    file_patterns = (r"db_\d+_\d+_text(\.zip)?",)
    freshness = freshness.onet
    accepts_directory = True
    columns = (
        Column("O*NET-SOC Code", "onet_code", ONET_CODE),
        Column("Title", "title", text()),
        Column("Description", "description", text(required=True)),
    )
    model = Occupation
    key = ["soc_code"]
    values = ["description", "description_source", "job_zone", "typical_education"]

    def folder(self):
        if not self.path.is_dir():
            raise ImportFailed(f"{self.name}: the O*NET source must be the release folder (db_27_0_text) or its zip")
        return self.path

    def file(self, name, required=True):
        path = self.folder() / name
        if not path.is_file():
            if required:
                raise ImportFailed(f"{self.name}: {name} is missing from the O*NET folder")
            return None
        return path

    def resolve_vintage(self):
        version = None
        readme = self.folder() / "Read Me.txt"
        if readme.is_file():
            match = re.search(r"O\*NET (\d+\.\d+)", readme.read_text(encoding="utf-8", errors="replace")[:500])
            version = match.group(1) if match else None
        if version is None:
            match = re.search(r"db_(\d+)_(\d+)", self.name)
            version = f"{match.group(1)}.{match.group(2)}" if match else None
        if version is None and self.period:
            version = str(self.period).removeprefix("O*NET").strip()
        if version is None:
            raise ImportFailed(f"{self.name}: cannot tell the O*NET release; pass --period 27.0")
        self.vintage = f"O*NET {version}"
        self.attribution = ATTRIBUTION.format(version=version)

    def before(self):
        self.job_zones = self.read_job_zones()
        self.education = self.read_education()

    def read_job_zones(self):
        zones = {}
        columns = (Column("O*NET-SOC Code", "onet_code", ONET_CODE), Column("Job Zone", "zone", integer(minimum=1)))
        path = self.file(JOB_ZONES, required=False)
        if path:
            for _, record in self.read(read_delimited(path, delimiter="\t"), columns, lambda r, line: r):
                zones[record["onet_code"]] = record["zone"] if record["zone"] and record["zone"] <= 5 else None
        return zones

    def read_education(self):
        """The typical education is the "required level of education" category most incumbents reported."""
        categories_path = self.file(EDUCATION_CATEGORIES, required=False)
        values_path = self.file(EDUCATION, required=False)
        if not (categories_path and values_path):
            return {}
        labels = {}
        category_columns = (
            Column("Element ID", "element"),
            Column("Scale ID", "scale"),
            Column("Category", "category", integer()),
            Column("Category Description", "label"),
        )
        for _, record in self.read(read_delimited(categories_path, delimiter="\t"), category_columns, self.keep):
            if (record["element"], record["scale"]) == REQUIRED_LEVEL_OF_EDUCATION:
                labels[record["category"]] = short_label(record["label"])
        value_columns = (
            Column("O*NET-SOC Code", "onet_code", ONET_CODE),
            Column("Element ID", "element"),
            Column("Scale ID", "scale"),
            # Other elements of this file use "n/a" categories; only the education level's are numbers.
            Column("Category", "category", text()),
            Column("Data Value", "value", decimal(2)),
        )
        best = {}
        for line, record in self.read(read_delimited(values_path, delimiter="\t"), value_columns, self.keep):
            if (record["element"], record["scale"]) != REQUIRED_LEVEL_OF_EDUCATION or record["value"] is None:
                continue
            if not record["category"].isdigit():
                self.reject_row(line, [self.row_message(line, "Category", f"{record['category']!r} is not a number")])
                continue
            record["category"] = int(record["category"])
            current = best.get(record["onet_code"])
            if current is None or record["value"] > current[1]:
                best[record["onet_code"]] = (record["category"], record["value"])
        return {onet: labels.get(category, "") for onet, (category, _) in best.items()}

    @classmethod
    def sort_key(cls, name: str) -> tuple:
        match = re.search(r"db_(\d+)_(\d+)", name)
        return ((int(match.group(1)), int(match.group(2))) if match else (0, 0), name)

    @staticmethod
    def keep(record, line):
        return record

    def make_upsert(self):
        return Upsert(
            self, Occupation, self.key, self.values, counts=self.report.counts, update_only=True,
            missing_reason="O*NET occupations that are not loaded here (no SOC occupation imported)",
        )  # fmt: skip

    def clean(self, record, line):
        soc = soc_of(record["onet_code"])
        if soc is None:
            return Skip("O*NET specialties (codes not ending in .00)")
        return {
            "soc_code": soc,
            "description": record["description"],
            "description_source": self.attribution,
            "job_zone": self.job_zones.get(record["onet_code"]),
            "typical_education": self.education.get(record["onet_code"], ""),
        }

    def run(self):
        self.resolve_vintage()
        self.before()
        self.upsert = self.make_upsert()
        for line, record in self.read(read_delimited(self.file(OCCUPATION_DATA), delimiter="\t")):
            self.upsert.add(line, record)
        self.upsert.flush()
        self.import_tasks()
        self.import_alternate_titles()
        self.check_rejects()

    def import_tasks(self):
        self.occupation_ids = occupation_ids = dict(Occupation.objects.values_list("soc_code", "id"))
        self.report.tables["tasks"] = counts = Counts()
        columns = (
            Column("O*NET-SOC Code", "onet_soc_code", ONET_CODE),
            Column("Task ID", "task_id", code(r"\d{1,12}", description="a task number")),
            Column("Task", "text", text(required=True)),
            Column("Task Type", "task_type", text(), required=False, feeds=("is_core",)),
        )

        def clean(record, line):
            soc = soc_of(record["onet_soc_code"])
            if soc is None:
                return Skip("tasks of O*NET specialties (codes not ending in .00)")
            occupation_id = occupation_ids.get(soc)
            if occupation_id is None:
                return Skip("tasks of occupations that are not loaded here")
            task_type = cell_text(record.pop("task_type")).lower()
            record["is_core"] = task_type != "supplemental"
            record["occupation_id"] = occupation_id
            return record

        path = self.file(TASKS, required=False)
        if path is None:
            self.report.note(f"{TASKS} is missing: no tasks imported")
            return
        rows = self.read(read_delimited(path, delimiter="\t"), columns, clean)
        # Made once the header is read: a file without "Task Type" leaves is_core as it is.
        tasks = Upsert(self, OccupationTask, ["onet_soc_code", "task_id"], ["occupation_id", "text", "is_core"],
                       label="tasks", counts=counts)  # fmt: skip
        for line, record in rows:
            tasks.add(line, record)
        tasks.flush()

    def import_alternate_titles(self):
        """The other names people use for each occupation (O*NET's Alternate Titles file); "n/a" short titles
        are empty."""
        self.report.tables["alternate titles"] = counts = Counts()
        seen = set()
        columns = (
            Column("O*NET-SOC Code", "onet_soc_code", ONET_CODE),
            Column("Alternate Title", "title", text(required=True)),
            Column("Short Title", "short_title", text(), required=False),
        )

        def clean(record, line):
            soc = soc_of(record["onet_soc_code"])
            if soc is None:
                return Skip("alternate titles of O*NET specialties (codes not ending in .00)")
            occupation_id = self.occupation_ids.get(soc)
            if occupation_id is None:
                return Skip("alternate titles of occupations that are not loaded here")
            record["title"] = record["title"][:250]
            # O*NET lists a few titles twice for one occupation (once per source); the first is kept.
            if (record["onet_soc_code"], record["title"].lower()) in seen:
                return Skip("alternate titles listed twice for one occupation")
            seen.add((record["onet_soc_code"], record["title"].lower()))
            short = cell_text(record.get("short_title", ""))
            record["short_title"] = "" if short.lower() == "n/a" else short[:100]
            record["occupation_id"] = occupation_id
            return record

        path = self.file(ALTERNATE_TITLES, required=False)
        if path is None:
            self.report.note(f"{ALTERNATE_TITLES} is missing: no alternate titles imported")
            return
        rows = self.read(read_delimited(path, delimiter="\t"), columns, clean)
        titles = Upsert(self, OccupationAlternateTitle, ["onet_soc_code", "title"], ["occupation_id", "short_title"],
                        label="alternate titles", counts=counts)  # fmt: skip
        for line, record in rows:
            titles.add(line, record)
        titles.flush()
