"""The importers by dataset name, in dependency order (what ``import_data all`` follows)."""

from .importers.base import Importer
from .importers.cip import CipImporter
from .importers.cip_soc import CipSocImporter
from .importers.ipeds_completions import IpedsCompletionsImporter
from .importers.ipeds_hd import IpedsHdImporter
from .importers.oews import OewsImporter
from .importers.onet import OnetImporter
from .importers.projections import ProjectionsImporter
from .importers.zcta import ZctaImporter

IMPORTERS: dict[str, type[Importer]] = {
    importer.dataset: importer
    for importer in (
        CipImporter,
        CipSocImporter,
        IpedsHdImporter,
        IpedsCompletionsImporter,
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
