"""The importers by dataset name, in dependency order (what ``import_data all`` follows).

Each importer declares its own place (``import_order``), file names, vintage and freshness rule; this module only
collects them."""

import re

from .importers.base import Importer
from .importers.cip import CipImporter
from .importers.cip_soc import CipSocImporter
from .importers.ipeds_charges import IpedsChargesImporter
from .importers.ipeds_completions import IpedsCompletionsImporter
from .importers.ipeds_custom_exports import DistanceEnrollmentImporter
from .importers.ipeds_graduation import GraduationRateImporter
from .importers.ipeds_hd import IpedsHdImporter
from .importers.ipeds_offerings import IpedsOfferingsImporter
from .importers.oews import OewsImporter
from .importers.oews_industries import OewsIndustryImporter
from .importers.onet import OnetImporter
from .importers.projections import ProjectionsImporter
from .importers.scorecard import ScorecardFieldOfStudyImporter, ScorecardInstitutionImporter
from .importers.zcta import ZctaImporter

_ALL = (
    CipImporter,
    CipSocImporter,
    IpedsHdImporter,
    IpedsCompletionsImporter,
    OewsImporter,
    OewsIndustryImporter,
    ProjectionsImporter,
    OnetImporter,
    ZctaImporter,
    IpedsOfferingsImporter,
    IpedsChargesImporter,
    DistanceEnrollmentImporter,
    GraduationRateImporter,
    ScorecardInstitutionImporter,
    ScorecardFieldOfStudyImporter,
)
IMPORTERS: dict[str, type[Importer]] = {
    importer.dataset: importer for importer in sorted(_ALL, key=lambda importer: importer.import_order)
}
DATASETS = tuple(IMPORTERS)


class UnknownDataset(KeyError):
    def __str__(self):
        return f"unknown dataset {self.args[0]!r}; choose one of: {', '.join(DATASETS)}"


def get_importer(dataset: str) -> type[Importer]:
    try:
        return IMPORTERS[dataset]
    except KeyError:
        raise UnknownDataset(dataset) from None


def recognised_as(name: str) -> str | None:
    """The dataset whose file-name patterns match ``name`` (hd2024.csv -> ipeds-hd), or None."""
    for dataset, importer in IMPORTERS.items():
        if any(re.fullmatch(pattern, name, re.IGNORECASE) for pattern in importer.file_patterns):
            return dataset
    return None
