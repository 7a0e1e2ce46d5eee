"""Writing output files safely: never over an existing file unless asked, never half-written,
owner-only when the content holds a full SSN, and a failed write told as a message (exit 2)."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from form8606.errors import Form8606Error

PRIVATE = 0o600  # a full SSN: the owner only, whatever the umask
SHARED = 0o644  # anything else: readable, never writable by others, whatever the umask
PART = ".XXXXXXXX.part"  # what a temporary file adds to "." and its target's name: mkstemp's 8 letters


class WriteError(Form8606Error):
    """A file could not be written: the disk, the folder or its permissions, not the input."""


@dataclass(frozen=True)
class Output:
    """One file to write."""

    path: Path
    data: bytes
    private: bool = False  # holds a full SSN


def check_writable(path: Path, force: bool) -> None:
    if path.is_dir():
        raise WriteError(f"{path} is a directory")
    if path.exists() and not force:
        raise Form8606Error(f"{path} already exists; pass --force to overwrite it")
    if path.parent.exists() and not path.parent.is_dir():
        raise WriteError(f"{path.parent} is not a directory")


class Leftovers:
    """The temporary files that killed runs left beside the targets, found by listing each
    folder once, when first written to: a batch writes thousands of files into one folder, and
    listing it for each file would cost time growing with the folder. One batch, one Leftovers
    (a folder listed earlier would miss what a run killed since then left)."""

    def __init__(self):
        self.found: dict[Path, dict[str, list[str]]] = {}  # folder -> target name -> temporary files

    def take(self, target: Path) -> list[Path]:
        """The temporary files left for `target`, once: written, it leaves none."""
        folder = target.parent
        if folder not in self.found:
            self.found[folder] = _leftovers(folder)
        return [folder / name for name in self.found[folder].pop(os.path.normcase(target.name), [])]


def write_atomic(path: Path, data: bytes, force: bool = False, private: bool = False) -> None:
    """Write through a temporary file in the same directory, then rename over the target."""
    write_together([Output(path, data, private)], force)


def write_together(files: list[Output], force: bool = False, leftovers: Leftovers | None = None) -> None:
    """Write files that belong together (a form and its worksheet): all are checked, then written
    to temporary files, then renamed over their targets. While they are renamed, a journal beside
    them lists them, so that a rerun after a crash or kill completes them without --force.
    Temporary files a killed run left for the same targets are removed first (`leftovers`: those
    of the folders as a batch found them)."""
    leftovers = leftovers or Leftovers()
    journal = files[0].path.with_name(f".{files[0].path.stem}.unfinished")
    unfinished = _listed(journal)
    for file in files:
        check_writable(file.path, force or file.path.name in unfinished)
    staged: dict[Path, str] = {}  # target -> its temporary file, until renamed
    current = files[0].path  # named in a message; the journal stands for the first file
    try:
        for file in files:
            current = file.path
            staged[file.path] = _stage(file, leftovers)
        if len(files) > 1:
            current = files[0].path
            names = "".join(f"{file.path.name}\n" for file in files).encode("utf-8")
            staged = {journal: _stage(Output(journal, names), leftovers), **staged}  # renamed first
        for path in list(staged):
            current = path if path != journal else files[0].path
            os.replace(staged[path], path)
            del staged[path]
        journal.unlink(missing_ok=True)
    except OSError as exc:
        raise WriteError(f"{current}: cannot write ({exc.strerror or exc})") from None
    finally:
        for tmp in staged.values():
            Path(tmp).unlink(missing_ok=True)


def _stage(file: Output, leftovers: Leftovers) -> str:
    """A temporary file beside the target holding `data`, with the target's mode. Temporary
    files a killed run left for the same target are removed first."""
    folder = file.path.parent
    folder.mkdir(parents=True, exist_ok=True)
    for leftover in leftovers.take(file.path):
        leftover.unlink(missing_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{file.path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(file.data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, PRIVATE if file.private else SHARED & ~_umask())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def _leftovers(folder: Path) -> dict[str, list[str]]:
    """Target name -> its temporary files in `folder` (.NAME.XXXXXXXX.part, _stage)."""
    try:
        names = os.listdir(folder)
    except OSError:  # not there yet, or not a folder: _stage's mkdir or mkstemp says why
        return {}
    found: dict[str, list[str]] = {}
    for name in names:
        target = name[1:-len(PART)]
        if name.startswith(".") and name.endswith(".part") and target and name[-len(PART)] == ".":
            found.setdefault(os.path.normcase(target), []).append(name)
    return found


def _listed(journal: Path) -> set[str]:
    """The file names a journal lists (none when there is no journal, or it cannot be read)."""
    try:
        return set(journal.read_text("utf-8").splitlines())
    except (OSError, UnicodeDecodeError):
        return set()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
