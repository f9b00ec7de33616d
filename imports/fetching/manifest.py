"""The release manifest (``imports/releases.toml``): one line per official release the site imports."""

import tomllib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlparse

from django.conf import settings

DEFAULT_MANIFEST = Path(__file__).resolve().parent.parent / "releases.toml"


class ManifestError(ValueError):
    """The manifest is unreadable or a release in it is incomplete."""


@dataclass(frozen=True)
class Release:
    dataset: str
    vintage: str
    url: str
    folder: str
    page: str
    members: tuple[str, ...] = ()
    # The names the members are saved under, one per member, where the importer needs what the publisher's member
    # name lacks (the Scorecard zips hold Most-Recent-Cohorts-Institution.csv; the release date is in the zip's
    # name only, and the importer reads it from the file name).
    save_as: tuple[str, ...] = ()
    keep_archive: bool = False
    # Why the release is not fetched by the command (no fixed download address, or a file the importer cannot read
    # in the publisher's form yet): fetch_data names it and its page instead of downloading.
    manual: str = ""

    @property
    def file_name(self) -> str:
        """The name the publisher gives the download (the last part of its address), or the file a steward saves."""
        return PurePosixPath(urlparse(self.url).path).name if self.url else (self.members or ("",))[0]

    def saved_name(self, member: str) -> str:
        """The name a member is saved under in ``folder``: its ``save_as`` name, or its own."""
        if member in self.members and self.save_as:
            return self.save_as[self.members.index(member)]
        return PurePosixPath(member).name

    @property
    def is_zip(self) -> bool:
        return self.file_name.lower().endswith(".zip")

    @property
    def key(self) -> str:
        """What identifies the release in messages and in ``--only``: the dataset and the file."""
        return f"{self.dataset} {self.file_name}"

    def __str__(self):
        return f"{self.dataset} {self.vintage} ({self.file_name})"


REQUIRED = ("dataset", "vintage", "folder", "page")


def manifest_path() -> Path:
    return Path(getattr(settings, "DATA_RELEASES_MANIFEST", None) or DEFAULT_MANIFEST)


def load_releases(path: Path | None = None) -> list[Release]:
    """Every release in the manifest, in its order (the order ``import_data all`` wants)."""
    path = Path(path or manifest_path())
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ManifestError(f"{path}: cannot read the release manifest ({exc})") from exc
    releases = []
    for number, entry in enumerate(document.get("releases", []), start=1):
        missing = [name for name in REQUIRED if not entry.get(name)]
        if missing:
            raise ManifestError(f"{path}: release {number} lacks {', '.join(missing)}")
        unknown = set(entry) - {*REQUIRED, "url", "members", "save_as", "keep_archive", "manual"}
        if unknown:
            raise ManifestError(f"{path}: release {number} has unknown keys {', '.join(sorted(unknown))}")
        if not entry.get("url") and not entry.get("manual"):
            raise ManifestError(f"{path}: release {number} needs a url, or a manual reason why it has none")
        if entry.get("url") and urlparse(entry["url"]).scheme not in ("http", "https"):
            raise ManifestError(f"{path}: release {number}: only http and https addresses can be fetched")
        release = Release(
            dataset=entry["dataset"],
            vintage=entry["vintage"],
            url=entry.get("url", ""),
            folder=entry["folder"],
            page=entry["page"],
            members=tuple(entry.get("members", ())),
            save_as=tuple(entry.get("save_as", ())),
            keep_archive=bool(entry.get("keep_archive", False)),
            manual=entry.get("manual", ""),
        )
        if release.url and release.is_zip and not release.members:
            raise ManifestError(f"{path}: release {number} is a zip and names no members to check")
        if release.save_as and len(release.save_as) != len(release.members):
            raise ManifestError(f"{path}: release {number}: save_as names one file per member")
        releases.append(release)
    return releases
