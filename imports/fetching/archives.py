"""Checking a downloaded zip before anything of it is used, and taking out the members a release names."""

import os
import shutil
import zipfile
from pathlib import Path, PurePosixPath

from .http import FetchFailed


def revised_name(name: str) -> str:
    """IPEDS ships a revised copy of a file as ``<name>_rv`` beside the original (hd2023.csv, hd2023_rv.csv)."""
    path = PurePosixPath(name)
    return f"{path.stem}_rv{path.suffix}"


def choose_members(archive: Path, expected: tuple[str, ...], *, max_member_bytes: int) -> dict[str, zipfile.ZipInfo]:
    """Map each expected member to the archive's entry for it (the revised one where there is one).

    Refuses an archive that is not a zip, fails its CRC check, lacks a member, or holds a member larger than the
    limit (its declared size; the extraction counts again, in case the declaration lies).
    """
    try:
        with zipfile.ZipFile(archive) as zf:
            entries = {PurePosixPath(info.filename).name.lower(): info for info in zf.infolist() if not info.is_dir()}
            broken = zf.testzip()
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise FetchFailed(f"{archive.name}: not a readable zip archive ({exc})") from exc
    if broken:
        raise FetchFailed(f"{archive.name}: the archive is damaged ({broken} fails its checksum)")
    chosen = {}
    for name in expected:
        info = entries.get(revised_name(name).lower()) or entries.get(name.lower())
        if info is None:
            holds = ", ".join(sorted(PurePosixPath(i.filename).name for i in entries.values())) or "nothing"
            raise FetchFailed(f"{archive.name}: expected member {name} is missing (it holds: {holds})")
        if info.file_size > max_member_bytes:
            raise FetchFailed(
                f"{archive.name}: {name} unpacks to {info.file_size:,} bytes, over the {max_member_bytes:,}-byte limit"
            )
        chosen[name] = info
    return chosen


def extract_member(archive: Path, info: zipfile.ZipInfo, target: Path, *, max_member_bytes: int) -> Path:
    """Write one member to ``target`` through a temporary file, so a failure leaves no half-written file."""
    temporary = target.with_name(f".{target.name}.extracting")
    written = 0
    try:
        with zipfile.ZipFile(archive) as zf, zf.open(info) as source, open(temporary, "wb") as out:
            while chunk := source.read(1 << 16):
                written += len(chunk)
                if written > max_member_bytes:
                    raise FetchFailed(
                        f"{archive.name}: {info.filename} unpacks to more than {max_member_bytes:,} bytes"
                    )
                out.write(chunk)
        os.replace(temporary, target)
    finally:
        if temporary.exists():
            temporary.unlink()
    return target


def copy_into_place(source: Path, target: Path) -> Path:
    temporary = target.with_name(f".{target.name}.copying")
    shutil.copyfile(source, temporary)
    os.replace(temporary, target)
    return target
