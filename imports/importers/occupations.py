"""Finding (or creating) the ``Occupation`` for each SOC code that a BLS file names, one query per batch."""

from reference_data.models import Occupation

from .report import Counts

# BLS's "All Occupations" total: the guides compare an occupation's pay and growth with it. It is not a SOC
# occupation, so it is never reported as "not in the current SOC".
ALL_OCCUPATIONS = "00-0000"


class OccupationCodes:
    """Maps SOC codes to occupation ids; creates occupations a file names that are not loaded yet.

    The CIP-SOC crosswalk is the list of SOC 2018 codes. When it has been imported, a code it lacks is created
    with ``in_current_soc=False``; every such code met in the file is listed in the report.
    """

    def __init__(self, importer):
        from imports.models import ImportRun

        self.importer = importer
        self.ids = dict(Occupation.objects.values_list("soc_code", "id"))
        self.not_current = set(Occupation.objects.filter(in_current_soc=False).values_list("soc_code", flat=True))
        self.soc_list_loaded = ImportRun.objects.filter(dataset="cip-soc", outcome=ImportRun.Outcome.SUCCEEDED).exists()
        self.seen_not_current = set()
        self.counts = Counts()

    def resolve(self, batch):
        missing = {}
        for _, record in batch:
            if record["soc_code"] not in self.ids:
                missing.setdefault(record["soc_code"], record["soc_title"])
        if missing:
            current = not self.soc_list_loaded
            created = Occupation.objects.bulk_create(
                [Occupation(soc_code=soc, title=title[:200], in_current_soc=current) for soc, title in missing.items()]
            )
            for occupation in created:
                self.ids[occupation.soc_code] = occupation.pk
                if not current:
                    self.not_current.add(occupation.soc_code)
            self.counts.created += len(created)
            self.importer.report.tables["occupations"] = self.counts
        for _, record in batch:
            soc = record.pop("soc_code")
            record.pop("soc_title")
            if soc in self.not_current and soc != ALL_OCCUPATIONS:
                self.seen_not_current.add(soc)
            record["occupation_id"] = self.ids[soc]
        return batch

    def report(self):
        report = self.importer.report
        if self.seen_not_current:
            codes = sorted(self.seen_not_current)
            more = f" and {len(codes) - 30:,} more" if len(codes) > 30 else ""
            report.note(
                f"{len(codes):,} occupation code(s) not in the current SOC (imported as they are): "
                f"{', '.join(codes[:30])}{more}"
            )
        if not self.soc_list_loaded:
            report.note("the SOC 2018 list is not loaded (import cip-soc first), so codes were not checked")
