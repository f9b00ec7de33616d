"""``fetch_releases``: put every release of the manifest into ``DATA_DIR``, checked, ready for ``import_data all``.

What was fetched is remembered in ``DATA_DIR/.fetched/state.json`` (address, validators, the files placed), so a
second run downloads nothing; ``refresh`` asks the publisher whether a file changed (``If-None-Match`` /
``If-Modified-Since``) and downloads only what did. A release is placed only once it is whole and checked: a 404,
a damaged zip or a zip without its members leaves nothing of that release in ``DATA_DIR``, so nothing of it can
be imported. Downloads in progress live in ``DATA_DIR/.fetched/``, which ``import_data all`` does not read.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from .archives import choose_members, copy_into_place, extract_member
from .http import DownloadPolicy, FetchFailed, PublisherUnreachable, download
from .manifest import Release, load_releases

Log = Callable[[str], None]

STATE_FOLDER = ".fetched"


@dataclass
class ReleaseResult:
    release: Release
    status: str  # fetched, already fetched, not modified, failed, unreachable, by hand
    message: str = ""
    placed: list[Path] = field(default_factory=list)


@dataclass
class FetchReport:
    results: list[ReleaseResult] = field(default_factory=list)

    def with_status(self, *statuses) -> list[ReleaseResult]:
        return [result for result in self.results if result.status in statuses]

    @property
    def unreachable(self) -> bool:
        """True when no publisher answered at all (no network): the caller says so in one line."""
        fetched = [result for result in self.results if result.status != "by hand"]
        return bool(fetched) and all(result.status == "unreachable" for result in fetched)

    @property
    def failed(self) -> list[ReleaseResult]:
        return self.with_status("failed", "unreachable")


def download_policy() -> DownloadPolicy:
    return DownloadPolicy(
        user_agent=f"{settings.DATA_FETCH_SITE_NAME} data fetcher (+{settings.DATA_FETCH_CONTACT})",
        max_bytes=settings.DATA_FETCH_MAX_BYTES,
        retries=settings.DATA_FETCH_RETRIES,
        backoff_seconds=settings.DATA_FETCH_BACKOFF_SECONDS,
        timeout_seconds=settings.DATA_FETCH_TIMEOUT_SECONDS,
    )


def select_releases(releases: list[Release], only) -> list[Release]:
    """``only`` names datasets (``ipeds-hd``) or release file names (``HD2024.zip``); unknown names are an error."""
    if not only:
        return releases
    wanted = {name.lower() for name in only}
    chosen = [r for r in releases if r.dataset.lower() in wanted or r.file_name.lower() in wanted]
    known = {r.dataset.lower() for r in releases} | {r.file_name.lower() for r in releases}
    unknown = sorted(wanted - known)
    if unknown:
        datasets = ", ".join(sorted({r.dataset for r in releases}))
        raise FetchFailed(f"unknown release {', '.join(unknown)}; choose datasets ({datasets}) or manifest file names")
    return chosen


class _State:
    def __init__(self, dest: Path):
        self.folder = dest / STATE_FOLDER
        self.path = self.folder / "state.json"
        try:
            self.entries = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.entries = {}

    def placed(self, release: Release) -> list[Path] | None:
        entry = self.entries.get(release.url)
        if not entry:
            return None
        paths = [Path(p) for p in entry.get("placed", [])]
        return paths if paths and all(p.exists() for p in paths) else None

    def record(self, release: Release, validators: dict, placed: list[Path]):
        self.entries[release.url] = {**validators, "vintage": release.vintage, "placed": [str(p) for p in placed]}
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(self.entries, indent=2, sort_keys=True), encoding="utf-8")
        temporary.replace(self.path)

    def conditional_headers(self, release: Release) -> dict:
        entry = self.entries.get(release.url) or {}
        headers = {}
        if entry.get("etag"):
            headers["If-None-Match"] = entry["etag"]
        if entry.get("last_modified"):
            headers["If-Modified-Since"] = entry["last_modified"]
        return headers


def fetch_releases(
    *,
    dest: Path,
    only=(),
    refresh: bool = False,
    releases: list[Release] | None = None,
    progress=None,
    log: Log | None = None,
) -> FetchReport:
    """Fetch each chosen release into ``dest``; one failure does not stop the others (but no network does)."""
    dest = Path(dest)
    chosen = select_releases(releases if releases is not None else load_releases(), only)
    state = _State(dest)
    policy = download_policy()
    report = FetchReport()
    reached_any = False
    for release in chosen:
        if release.manual:
            report.results.append(ReleaseResult(release, "by hand", f"{release.manual} (see {release.page})"))
            continue
        placed = state.placed(release)
        if placed and not refresh:
            report.results.append(ReleaseResult(release, "already fetched", placed=placed))
            continue
        if log:
            log(f"Fetching {release} from {release.url}")
        try:
            result = _fetch_one(release, dest, state, policy, refresh=refresh and bool(placed), progress=progress)
            reached_any = True
        except PublisherUnreachable as exc:
            result = ReleaseResult(release, "unreachable", str(exc))
            if not reached_any:
                # Nothing has answered yet: the network is down, and every other release would wait to fail too.
                report.results.append(result)
                report.results.extend(
                    ReleaseResult(r, "by hand", r.manual) if r.manual else ReleaseResult(r, "unreachable", str(exc))
                    for r in chosen[len(report.results) :]
                )
                return report
        except FetchFailed as exc:
            reached_any = True
            result = ReleaseResult(release, "failed", str(exc))
        report.results.append(result)
    return report


def _fetch_one(release: Release, dest: Path, state: _State, policy: DownloadPolicy, *, refresh, progress):
    downloads = dest / STATE_FOLDER / "downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    archive = downloads / release.file_name
    headers = state.conditional_headers(release) if refresh else {}
    try:
        validators = download(release.url, archive, policy=policy, progress=progress, headers=headers)
    except FetchFailed:
        partial = archive.with_name(archive.name + ".part")
        if partial.exists() and partial.stat().st_size > policy.max_bytes:
            partial.unlink()
        raise
    if validators.get("not_modified"):
        return ReleaseResult(release, "not modified", placed=state.placed(release) or [])
    folder = dest / release.folder
    folder.mkdir(parents=True, exist_ok=True)
    try:
        if release.is_zip:
            members = choose_members(archive, release.members, max_member_bytes=policy.max_bytes)
            if release.keep_archive:
                placed = [copy_into_place(archive, folder / release.file_name)]
            else:
                # A member is saved under its save_as name, else as the archive names it (the revised _rv one included).
                placed = [
                    extract_member(
                        archive,
                        info,
                        folder / (release.saved_name(member) if release.save_as else Path(info.filename).name),
                        max_member_bytes=policy.max_bytes,
                    )
                    for member, info in members.items()
                ]
        else:
            placed = [copy_into_place(archive, folder / release.file_name)]
    finally:
        archive.unlink(missing_ok=True)
    state.record(release, validators, placed)
    return ReleaseResult(release, "fetched", placed=placed)
