"""generator/parallel.py: work in forked children, and the same answer here when a child cannot help."""

from __future__ import annotations

import os
import threading

import pytest

from generator.parallel import Pending, map_in_parts


def no_children_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_pending_work_runs_in_a_child_and_the_child_is_reaped():
    parent = os.getpid()
    pending = Pending(lambda: (os.getpid(), [1, 2, 3]))
    pid, value = pending.result()
    assert value == [1, 2, 3]
    assert pid != parent, "the work ran in another process"
    assert pending.result() == (pid, value), "asked twice, computed once"
    assert no_children_left()


def test_a_child_that_fails_is_not_trusted_and_the_work_runs_here():
    parent = os.getpid()

    def work():
        if os.getpid() != parent:
            raise RuntimeError("only the child fails")
        return "computed here"

    assert Pending(work).result() == "computed here"
    assert no_children_left()


def test_an_error_of_the_work_itself_reaches_the_caller():
    def work():
        raise ValueError("wrong content")

    with pytest.raises(ValueError, match="wrong content"):
        Pending(work).result()
    assert no_children_left()


def test_a_result_that_cannot_travel_back_is_computed_here():
    parent = os.getpid()
    pending = Pending(lambda: (lambda: os.getpid()))  # a lambda does not pickle
    assert pending.result()() == parent


def test_no_fork_while_other_threads_run():
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert Pending(os.getpid).result() == os.getpid()
        assert map_in_parts(lambda items: [os.getpid() for _ in items], list(range(6)), 3) == [os.getpid()] * 6
    finally:
        stop.set()
        other.join()


def test_map_in_parts_keeps_the_order_and_uses_other_processes():
    items = list(range(23))
    results = map_in_parts(lambda share: [(item * item, os.getpid()) for item in share], items, 3)
    assert [square for square, _ in results] == [item * item for item in items]
    assert len({pid for _, pid in results}) == 3
    assert no_children_left()


def test_map_in_parts_with_fewer_items_than_parts():
    assert map_in_parts(lambda share: [item + 1 for item in share], [1], 4) == [2]
    assert map_in_parts(lambda share: [item + 1 for item in share], [], 4) == []
