"""``check_releases``: which releases of the manifest are newer than what the database has loaded, without
downloading anything. A release is compared with the successful imports of its dataset by the vintage in the
file names (``hd2024`` is newer than ``hd2023``; OEWS compares national with national, state with state)."""

from dataclasses import dataclass
from pathlib import PurePosixPath

from imports.models import ImportRun
from imports.registry import get_importer

from .archives import revised_name
from .manifest import Release, load_releases


@dataclass(frozen=True)
class ReleaseStatus:
    release: Release
    status: str  # loaded, newer, older, not loaded
    loaded_file: str = ""

    @property
    def newer(self) -> bool:
        return self.status in ("newer", "not loaded")

    def describe(self) -> str:
        if self.status == "loaded":
            return f"{self.release}: loaded (from {self.loaded_file})"
        if self.status == "newer":
            return f"{self.release}: newer than what is loaded ({self.loaded_file})"
        if self.status == "older":
            return f"{self.release}: older than what is loaded ({self.loaded_file})"
        return f"{self.release}: not loaded yet"


def release_file_name(release: Release) -> str:
    """The file the importer will be given: the (first) member of a zip, or the download itself."""
    if release.is_zip and not release.keep_archive:
        return release.saved_name(release.members[0])
    return release.file_name


def vintage_key(dataset: str, name: str) -> tuple:
    """The comparable part of the import order's sort key: vintage first, then the kind (OEWS area level)."""
    name = PurePosixPath(name).name
    key = get_importer(dataset).sort_key(name)[:-1]
    return key or (0,)


def check_releases(releases: list[Release] | None = None) -> list[ReleaseStatus]:
    releases = releases if releases is not None else load_releases()
    datasets = {release.dataset for release in releases}
    loaded: dict[str, list[str]] = {}
    for dataset, file_name in (
        ImportRun.objects.filter(dataset__in=datasets, outcome=ImportRun.Outcome.SUCCEEDED)
        .order_by("started_at")
        .values_list("dataset", "file_name")
    ):
        loaded.setdefault(dataset, []).append(file_name)
    statuses = []
    for release in releases:
        name = release_file_name(release)
        wanted = vintage_key(release.dataset, name)
        names = {name.lower(), revised_name(name).lower()}
        files = loaded.get(release.dataset, [])
        same = [f for f in files if f.lower() in names or vintage_key(release.dataset, f) == wanted]
        if same:
            statuses.append(ReleaseStatus(release, "loaded", same[-1]))
            continue
        same_kind = [f for f in files if vintage_key(release.dataset, f)[1:] == wanted[1:]]
        # A later vintage already loaded (a custom export reaching fall 2024, the manifest's EF2023A_DIST): the
        # release is behind it, not newer.
        later = [f for f in same_kind if vintage_key(release.dataset, f) > wanted]
        if later:
            statuses.append(ReleaseStatus(release, "older", later[-1]))
            continue
        older = same_kind
        if older:
            statuses.append(ReleaseStatus(release, "newer", older[-1]))
        else:
            statuses.append(ReleaseStatus(release, "not loaded"))
    return statuses
