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
from collections.abc import Callable, Iterator, Sequence
from typing import Generic, TypeVar

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
            _discard(*child)

    def result(self) -> T:
        if not self._done:
            child, self._child = self._child, None
            sent = _collect(*child) if child else None
            self._value = sent[0] if sent else self._work()
            self._done = True
        return self._value  # type: ignore[return-value]


class Stream(Generic[T, R]):
    """consume(items) in a forked child, fed one item at a time while this process goes on;
    `result()` ends the stream and waits. Items are kept here too (references, not copies), so a
    child that fails is replaced by running consume over them here."""

    def __init__(self, consume: Callable[[Iterator[T]], R]) -> None:
        self._consume = consume
        self._kept: list[T] = []
        self._child: tuple[int, int, int] | None = None  # pid, write end of the items, read end of the result
        pipe = _pipe() if can_fork() else None
        if pipe:
            items_read, items_write = pipe
            child = _fork(lambda: consume(_frames(items_read)), close_in_child=(items_write,))
            os.close(items_read)
            if child:
                self._child = (child[0], items_write, child[1])
            else:
                os.close(items_write)

    def send(self, item: T) -> None:
        self._kept.append(item)
        if self._child:
            payload = pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)
            try:
                os.write(self._child[1], len(payload).to_bytes(8, "big"))
                _write_all(self._child[1], payload)
            except OSError:  # the child is gone: it is not trusted with the rest either
                self.close()

    def result(self) -> R:
        sent = None
        if self._child:
            pid, items_write, result_read = self._child
            self._child = None
            os.close(items_write)  # the end of the items: the child finishes and sends its result
            sent = _collect(pid, result_read)
        kept, self._kept = self._kept, []
        return sent[0] if sent else self._consume(iter(kept))

    def close(self) -> None:
        """Stop the child without a result (a build that failed); result() would then work here."""
        if self._child:
            pid, items_write, result_read = self._child
            self._child = None
            os.close(items_write)
            _discard(pid, result_read)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _read_exactly(fd: int, size: int) -> bytes | None:
    chunks, left = [], size
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _frames(fd: int) -> Iterator:
    """The items a Stream sends, until it ends the stream."""
    while (size := _read_exactly(fd, 8)) is not None:
        payload = _read_exactly(fd, int.from_bytes(size, "big"))
        if payload is None:
            raise EOFError("the stream ended inside an item")
        yield pickle.loads(payload)


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
                _discard(*child)
        raise
    shares = [own]
    for share, child in enumerate(children, start=1):
        sent = _collect(*child) if child else None
        shares.append(sent[0] if sent else function(items[share::parts]))
    merged: list[R] = [None] * len(items)  # type: ignore[list-item]
    for share, results in enumerate(shares):
        merged[share::parts] = results
    return merged


def _fork(work: Callable[[], object], close_in_child: tuple[int, ...] = ()) -> tuple[int, int] | None:
    """(pid, read end) of a child that writes pickle((result,)) and exits, or None when no child
    could be made (a process or file limit): the caller then does the work itself.
    `close_in_child`: this process's own pipe ends, which the child must not hold open."""
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
    if pid == 0:  # the child: never return into the parent's code, never run its exit handlers
        status = 1
        try:
            os.close(read)
            for fd in close_in_child:
                os.close(fd)
            payload = pickle.dumps((work(),), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write, "wb") as pipe:
                pipe.write(payload)
            status = 0
        finally:
            os._exit(status)
    os.close(write)
    return pid, read


def _pipe() -> tuple[int, int] | None:
    try:
        return os.pipe()
    except OSError:  # out of file descriptors: no child, the work runs here
        return None


def _discard(pid: int, read: int) -> None:
    """Stop a child whose result is no longer wanted, and reap it."""
    os.close(read)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    os.waitpid(pid, 0)


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
