"""Work on the machine's other cores: forked children that send a pickled result back.

A fork starts at once and shares the parent's loaded portal without copying or pickling it; only
the result travels back. Where forking is not safe (no os.fork, or other threads running, as in
`portaal serve`), the work simply runs in this process. A child that fails for any reason is
not trusted: the work runs again here, so a real error surfaces exactly as it would without
children.
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def can_fork() -> bool:
    # Forking a process with other threads can copy a lock another thread holds: never do it then.
    return hasattr(os, "fork") and threading.active_count() == 1


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class Pending(Generic[T]):
    """The result of `work()`, computed in a forked child; `result()` waits for it (once)."""

    def __init__(self, work: Callable[[], T]) -> None:
        self._work = work
        self._done = False
        self._value: T | None = None
        self._child: tuple[int, int] | None = _fork(work) if can_fork() else None

    def result(self) -> T:
        if not self._done:
            child, self._child = self._child, None
            sent = _collect(*child) if child else None
            self._value = sent[0] if sent else self._work()
            self._done = True
        return self._value  # type: ignore[return-value]


def map_in_parts(function: Callable[[Sequence[T]], list[R]], items: Sequence[T], parts: int) -> list[R]:
    """function(items) split over `parts` processes (this one does the first part); results in
    the order of `items`. Each part gets every parts-th item, so large and small items spread evenly."""
    parts = max(1, min(parts, len(items)))
    if parts == 1 or not can_fork():
        return function(items)
    children = [_fork(lambda share=share: function(items[share::parts])) for share in range(1, parts)]
    own = function(items[0::parts])
    shares = [own]
    for share, child in enumerate(children, start=1):
        sent = _collect(*child)
        shares.append(sent[0] if sent else function(items[share::parts]))
    merged: list[R] = [None] * len(items)  # type: ignore[list-item]
    for share, results in enumerate(shares):
        merged[share::parts] = results
    return merged


def _fork(work: Callable[[], object]) -> tuple[int, int]:
    """(pid, read end) of a child that writes pickle((result,)) and exits; nothing on failure."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never return into the parent's code, never run its exit handlers
        status = 1
        try:
            os.close(read)
            payload = pickle.dumps((work(),), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write, "wb") as pipe:
                pipe.write(payload)
            status = 0
        finally:
            os._exit(status)
    os.close(write)
    return pid, read


def _collect(pid: int, read: int) -> tuple | None:
    """The child's (result,), or None when it failed; the child is always reaped."""
    with os.fdopen(read, "rb") as pipe:
        payload = pipe.read()  # read to the end before waiting: a full pipe would block the child
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0 or not payload:
        return None
    try:
        return pickle.loads(payload)
    except Exception:  # a result that does not unpickle is a failed child: the caller computes it
        return None
