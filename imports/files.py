"""Small helpers about files, written once: a file's (or a folder's) SHA-256, and a safe file name."""

import hashlib
import re
from pathlib import Path
from urllib.parse import unquote


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file, or of a folder's files (their relative names and contents, in name order)."""
    path = Path(path)
    digest = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        if path.is_dir():
            digest.update(str(file.relative_to(path)).encode())
        with open(file, "rb") as fh:
            while chunk := fh.read(1 << 20):
                digest.update(chunk)
    return digest.hexdigest()


def safe_file_name(name: str, *, default: str = "upload") -> str:
    """An uploaded or downloaded file's own name (it carries the vintage: hd2024.csv), reduced to characters that
    are safe in a path."""
    name = re.sub(r"[^A-Za-z0-9._ -]", "_", Path(str(name)).name).strip(" .")
    return name[:200] or default


def download_name(content_disposition: str, url_path: str) -> str:
    """The name the server gives a download (Content-Disposition), else the last part of its address."""
    match = re.search(r'filename\*?=(?:UTF-8\'\')?"?([^";]+)"?', content_disposition, re.IGNORECASE)
    name = unquote(match.group(1)) if match else unquote(Path(url_path).name)
    return safe_file_name(name, default="download")
