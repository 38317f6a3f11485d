"""A model's files as one gzip'd tar in the database, unpacked once per version where a process loads it."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import tarfile
import tempfile
from pathlib import Path


def pack(model_dir: Path) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for path in sorted(model_dir.rglob("*")):
            tar.add(path, arcname=str(path.relative_to(model_dir)), recursive=False)
    return buffer.getvalue()


def checksum(blob: bytes) -> str:
    return hashlib.sha256(blob).hexdigest()


def cache_root() -> Path:
    return Path(tempfile.gettempdir()) / "claimbook-pretagger"


def unpack(blob: bytes, version: int, sha256: str) -> Path:
    """The model directory for this version (unpacked on first use; safe if two processes race)."""
    target = cache_root() / f"v{version}-{sha256[:16]}"
    if (target / "claimbook.json").is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=".unpack-"))
    with tarfile.open(fileobj=io.BytesIO(blob), mode="r:gz") as tar:
        tar.extractall(staging, filter="data")
    try:
        os.rename(staging, target)
    except OSError:  # another process got there first
        shutil.rmtree(staging, ignore_errors=True)
    return target
