"""Files from elsewhere (their Form 8606 for `check`, a `--form-pdf` for `fill`) may be hostile.

Their size and type are checked before reading (a regular file by its size, a pipe read once
up to the limit, anything else refused), and they are parsed in a child process with a time
limit and a memory limit, so a malformed file ends with a message naming it: never a hang, a
crash or a traceback.
"""

from __future__ import annotations

import json
import math
import os
import select
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from form8606.errors import Form8606Error, shown

MAX_BYTES = 64 * 1024 * 1024
TIMEOUT = 30.0  # seconds, for a pipe to arrive and to parse, unless FORM8606_PDF_TIMEOUT says otherwise
MEMORY = 1024 * 1024 * 1024  # bytes of address space for the reading process
CHUNK = 1024 * 1024


def timeout() -> float:
    """FORM8606_PDF_TIMEOUT, read only when a file is: a bad value stops that, not every command."""
    text = os.environ.get("FORM8606_PDF_TIMEOUT")
    if text is None:
        return TIMEOUT
    try:
        seconds = float(text)
    except ValueError:
        seconds = math.nan
    if not 0 < seconds < math.inf:
        raise Form8606Error(f'FORM8606_PDF_TIMEOUT is "{shown(text)}"; it must be a number of seconds above 0, '
                            "such as 30")
    return seconds


def read_input(path: Path) -> bytes:
    """The bytes of a regular file, a pipe or a FIFO, read once: at most MAX_BYTES, within TIMEOUT."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise Form8606Error(f"{path}: can't be read ({exc.strerror})") from None
    if stat.S_ISREG(info.st_mode) and info.st_size > MAX_BYTES:
        raise Form8606Error(f"{path}: larger than {MAX_BYTES // 2**20} MB; not read")
    if not (stat.S_ISREG(info.st_mode) or stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode)):
        raise Form8606Error(f"{path}: not a file or a pipe; not read")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO without a writer would block the open
    except OSError as exc:
        raise Form8606Error(f"{path}: can't be read ({exc.strerror})") from None
    try:
        data = _read_once(fd, path, waits=not stat.S_ISREG(info.st_mode))
    finally:
        os.close(fd)
    if not data:
        raise Form8606Error(f"{path}: the file is empty (0 bytes)")
    return data


def _read_once(fd: int, path: Path, waits: bool) -> bytes:
    """Up to MAX_BYTES + 1; a pipe `waits` for its writer, until TIMEOUT."""
    limit = timeout()
    deadline = time.monotonic() + limit
    chunks: list[bytes] = []
    size = 0
    while size <= MAX_BYTES:
        left = deadline - time.monotonic()
        if waits and left <= 0:
            raise Form8606Error(f"{path}: the input did not end within {limit:g} s; not read")
        if waits and not select.select([fd], [], [], left)[0]:
            continue
        try:
            chunk = os.read(fd, min(CHUNK, MAX_BYTES + 1 - size))
        except BlockingIOError:
            continue
        except OSError as exc:
            raise Form8606Error(f"{path}: can't be read ({exc.strerror})") from None
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
    raise Form8606Error(f"{path}: larger than {MAX_BYTES // 2**20} MB; not read")


def in_child(module: str, data: bytes, name: str) -> dict:
    """Run `python -m module name` on the bytes (its stdin) with bounded time and memory; its
    answer is JSON on stdout, {"error": message} for a file it refused."""
    limit = timeout()
    try:
        done = subprocess.run([sys.executable, "-m", module, name], input=data, capture_output=True,
                              timeout=limit, preexec_fn=_limit_memory, check=False)
    except subprocess.TimeoutExpired:
        raise Form8606Error(f"{name}: reading took longer than {limit:g} s; the file may be malformed") from None
    try:
        answer = json.loads(done.stdout)
    except ValueError:
        last = (done.stderr.decode("utf-8", "replace").strip().splitlines() or ["out of memory?"])[-1]
        raise Form8606Error(f"{name}: the file could not be read (the reader stopped: {shorten(last)})") from None
    if "error" in answer:
        raise Form8606Error(answer["error"])
    return answer


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def child_main(work: Callable[[bytes, str], dict]) -> None:
    """The child's side: `work(data, name)` on stdin, its answer (or the error) as JSON on stdout.
    `work` names the file in the Form8606Error it raises; anything else is named here."""
    name = sys.argv[1]
    try:
        out = work(sys.stdin.buffer.read(), name)
    except Form8606Error as exc:
        out = {"error": str(exc)}
    except RecursionError:
        out = {"error": f"{name}: nests its contents too deeply to be read; it may be malformed"}
    except MemoryError:
        out = {"error": f"{name}: reading it needed more than {MEMORY // 2**30} GiB of memory; it may be malformed"}
    except Exception as exc:  # parsers raise many kinds on damaged files
        out = {"error": f"{name}: can't be read, it may be damaged ({type(exc).__name__}: {shorten(str(exc))})"}
    sys.stdout.write(json.dumps(out))


def shorten(text: str, limit: int = 80) -> str:
    """Text from a hostile file, cut to show in a message."""
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text):,} characters)"
