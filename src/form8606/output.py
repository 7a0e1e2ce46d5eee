"""Writing output files safely: never over an existing file unless asked, never half-written,
private (owner-only) when the content holds an SSN."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from form8606.errors import Form8606Error


def check_writable(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise Form8606Error(f"{path} already exists; pass --force to overwrite it")
    if path.parent.exists() and not path.parent.is_dir():
        raise Form8606Error(f"{path.parent} is not a directory")


def write_atomic(path: Path, data: bytes, force: bool = False, private: bool = False) -> None:
    """Write through a temporary file in the same directory, then rename over the target."""
    check_writable(path, force)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600 if private else 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
