"""Work spread over processes, seen as a serial loop: `in_order` yields each item's result in
the items' order, with what the work printed on stderr for that item, for the caller to print
at the same place a serial run would."""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")
CHUNK = 32  # items handed to a worker at once, at most

_work: Callable | None = None  # in a worker process: the work it does for each item
_tty = False  # in a worker process: whether the caller's stderr is a terminal


def cpus() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def in_order(work: Callable[[Item], Result], items: Sequence[Item], workers: int) -> Iterator[tuple[str, Result]]:
    """(stderr text, result) of `work` for each item, in order. With one worker (or two items)
    the work runs here, printing as it goes (the text is then empty); else the first item runs
    here too, and the others in `workers` processes, each started once: `work` (a module-level function or a partial of one) and its
    arguments reach them by fork on Linux, pickled elsewhere."""
    if workers <= 1 or len(items) <= 2:
        for item in items:
            yield "", work(item)
        return
    # The first item runs here: what it loads and caches (templates, compiled code), forked
    # workers find loaded, instead of each loading it again.
    yield "", work(items[0])
    rest = items[1:]
    workers = min(workers, len(rest))
    # Items go in chunks: handing each over on its own costs the caller more time than a small
    # work takes; a few chunks a worker still share the work out evenly.
    chunk = max(1, min(CHUNK, len(rest) // (4 * workers)))
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)
    with context.Pool(workers, initializer=_start, initargs=(work, sys.stderr.isatty())) as pool:
        yield from pool.imap(_run, rest, chunksize=chunk)


def _start(work: Callable, tty: bool) -> None:
    global _work, _tty
    _work, _tty = work, tty
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the caller, which ends the pool


class _Said(io.StringIO):
    """What a worker prints on stderr, kept; a terminal when the caller's stderr is one (click
    keeps colours for a terminal only)."""

    def isatty(self) -> bool:
        return _tty


def _run(item):
    with contextlib.redirect_stderr(_Said()) as said:
        result = _work(item)
    return said.getvalue(), result
