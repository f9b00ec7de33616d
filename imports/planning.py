"""What to import from a data folder, and in what order: every file an importer recognises by name, datasets in
their ``import_order`` and each dataset's files by its ``sort_key`` (oldest vintage first, so the newest wins)."""

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .registry import IMPORTERS, recognised_as

SUBSET_OF_CIP_FAMILIES = re.compile(r"(^|_)cip\d{2}(_|\.|$)", re.IGNORECASE)


@dataclass
class DataFile:
    dataset: str
    path: Path
    sort_key: tuple = ()


@dataclass
class DataPlan:
    files: list[DataFile] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def find_data_files(data_dir) -> DataPlan:
    """Every file in ``data_dir`` (and its subfolders) that an importer recognises by name, in import order."""
    data_dir = Path(data_dir)
    plan = DataPlan()
    order = {dataset: index for index, dataset in enumerate(IMPORTERS)}
    for root, dirs, files in os.walk(data_dir):
        dirs.sort()
        keep_walking = []
        for name in sorted(dirs + files):
            path = Path(root) / name
            dataset = recognised_as(name)
            if dataset and (path.is_file() or IMPORTERS[dataset].accepts_directory):
                plan.files.append(DataFile(dataset, path, (order[dataset], *IMPORTERS[dataset].sort_key(name))))
            elif name in dirs and not name.startswith("."):
                keep_walking.append(name)
        dirs[:] = keep_walking
    plan.files.sort(key=lambda f: f.sort_key)

    # A completions file for one CIP family (c2023_a_cip51_major1.csv) is a subset of that year's file for every
    # family (c2023_a_major1_allcip.csv): with both present only the complete one is imported. Importing both would
    # double nothing (a completion is keyed by program and year) but would take longer for no gain.
    complete_years = {
        f.sort_key[1]
        for f in plan.files
        if f.dataset == "ipeds-completions" and not SUBSET_OF_CIP_FAMILIES.search(f.path.name)
    }
    kept = []
    for item in plan.files:
        if (
            item.dataset == "ipeds-completions"
            and SUBSET_OF_CIP_FAMILIES.search(item.path.name)
            and item.sort_key[1] in complete_years
        ):
            plan.notes.append(
                f"{item.path.name}: skipped, a file with every CIP family covers the same year ({item.sort_key[1]})"
            )
            continue
        kept.append(item)
    plan.files = kept
    found = {f.dataset for f in plan.files}
    plan.missing = [dataset for dataset in IMPORTERS if dataset not in found]
    return plan
