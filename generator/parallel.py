"""Work on the machine's other cores: forked children that send a pickled result back.

A fork starts at once and shares the parent's loaded portal without copying or pickling it; only
the result travels back. Where forking is not safe (no os.fork, or other threads running, as in
`portaal serve`), the work simply runs in this process. A child that fails for any reason is
not trusted: the work runs again here, so a real error surfaces exactly as it would without
children.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import threading
from collections.abc import Callable, Sequence
from typing import Generic, NoReturn, TypeVar

T = TypeVar("T")
R = TypeVar("R")


_ONE_PROCESS = False  # set in processes that are themselves one of several on the cores (multi.py)


def stay_in_this_process() -> None:
    """For a worker of a pool that already fills the cores: more children would only compete."""
    global _ONE_PROCESS
    _ONE_PROCESS = True


def can_fork() -> bool:
    # Forking a process with other threads can copy a lock another thread holds: never do it then.
    return hasattr(os, "fork") and not _ONE_PROCESS and threading.active_count() == 1


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class Pending(Generic[T]):
    """The result of `work()`, computed in a forked child; `result()` waits for it (once)."""

    def __init__(self, work: Callable[[], T]) -> None:
        self._work = work
        self._done = False
        self._value: T | None = None
        self._child = _fork(work) if can_fork() else None

    def close(self) -> None:
        """Stop the child without its result (the build was interrupted)."""
        child, self._child = self._child, None
        if child:
            discard(*child)

    def result(self) -> T:
        if not self._done:
            child, self._child = self._child, None
            sent = collect(*child) if child else None
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
    try:
        own = function(items[0::parts])
    except BaseException:
        for child in children:
            if child:
                discard(*child)
        raise
    shares = [own]
    for share, child in enumerate(children, start=1):
        sent = collect(*child) if child else None
        shares.append(sent[0] if sent else function(items[share::parts]))
    merged: list[R] = [None] * len(items)  # type: ignore[list-item]
    for share, results in enumerate(shares):
        merged[share::parts] = results
    return merged


def _fork(work: Callable[[], object], close_in_child: tuple[int, ...] = ()) -> tuple[int, int] | None:
    """(pid, read end) of a child that sends work()'s result and exits, or None when no child
    could be made (a process or file limit): the caller then does the work itself.
    `close_in_child`: this process's own pipe ends, which the child must not hold open."""
    forked = fork_here()
    if forked is None:
        return None
    pid, end = forked
    if pid == 0:  # the child: never return into the parent's code, never run its exit handlers
        try:
            for fd in close_in_child:
                os.close(fd)
            result = work()
        except BaseException:
            os._exit(1)
        send_and_exit(end, result)
    return pid, end


def fork_here() -> tuple[int, int] | None:
    """A child that goes on from this point in the caller's own code: (0, write end) in the child,
    (pid, read end) in this process, None when no child could be made (the caller works alone).
    The child must end with `send_and_exit`, and the caller must keep it from returning past its
    own work (a child that ran on into the parent's code would do the parent's work twice)."""
    pipe = _pipe()
    if pipe is None:
        return None
    read, write = pipe
    try:
        pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        return None
    if pid == 0:
        os.close(read)
        return 0, write
    os.close(write)
    return pid, read


def send_and_exit(write: int, result: object) -> NoReturn:
    """End a child of `fork_here` with its result (read by `collect`); never returns."""
    status = 1
    try:
        payload = pickle.dumps((result,), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write, "wb") as pipe:
            pipe.write(payload)
        status = 0
    finally:
        os._exit(status)


def _pipe() -> tuple[int, int] | None:
    try:
        return os.pipe()
    except OSError:  # out of file descriptors: no child, the work runs here
        return None


def discard(pid: int, read: int) -> None:
    """Stop a child whose result is no longer wanted, and reap it."""
    os.close(read)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    os.waitpid(pid, 0)


def collect(pid: int, read: int) -> tuple | None:
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
