"""The importers by dataset name, in dependency order (what ``import_data all`` follows)."""

from .importers.base import Importer
from .importers.cip import CipImporter
from .importers.cip_soc import CipSocImporter
from .importers.ipeds_charges import IpedsChargesImporter
from .importers.ipeds_completions import IpedsCompletionsImporter
from .importers.ipeds_custom_exports import DistanceEnrollmentImporter, GraduationRateImporter
from .importers.ipeds_hd import IpedsHdImporter
from .importers.ipeds_offerings import IpedsOfferingsImporter
from .importers.oews import OewsImporter
from .importers.onet import OnetImporter
from .importers.projections import ProjectionsImporter
from .importers.scorecard import ScorecardFieldOfStudyImporter, ScorecardInstitutionImporter
from .importers.zcta import ZctaImporter

IMPORTERS: dict[str, type[Importer]] = {
    importer.dataset: importer
    for importer in (
        CipImporter,
        CipSocImporter,
        IpedsHdImporter,
        IpedsCompletionsImporter,
        # Each needs the institutions (ipeds-hd); Scorecard Field of Study comes after the completions it sits beside.
        IpedsOfferingsImporter,
        IpedsChargesImporter,
        DistanceEnrollmentImporter,
        GraduationRateImporter,
        ScorecardInstitutionImporter,
        ScorecardFieldOfStudyImporter,
        OewsImporter,
        ProjectionsImporter,
        OnetImporter,
        ZctaImporter,
    )
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
