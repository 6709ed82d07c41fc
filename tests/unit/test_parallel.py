"""generator/parallel.py: work in forked children, and the same answer here when a child cannot help.

Each scenario runs in a new process (support.in_a_process_of_its_own): one without other threads
or children, as `portaal build` is.
"""

from __future__ import annotations

import os
import threading
import time

import pytest

from support import in_a_process_of_its_own

from generator.parallel import Pending, collect, fork_here, map_in_parts, send_and_exit


def no_children_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def scenario_pending_work_runs_in_a_child_and_the_child_is_reaped():
    parent = os.getpid()
    pending = Pending(lambda: (os.getpid(), [1, 2, 3]))
    pid, value = pending.result()
    assert value == [1, 2, 3]
    assert pid != parent, "the work ran in another process"
    assert pending.result() == (pid, value), "asked twice, computed once"
    assert no_children_left()


def scenario_a_child_that_fails_is_not_trusted_and_the_work_runs_here():
    parent = os.getpid()

    def work():
        if os.getpid() != parent:
            raise RuntimeError("only the child fails")
        return "computed here"

    assert Pending(work).result() == "computed here"
    assert no_children_left()


def scenario_an_error_of_the_work_itself_reaches_the_caller():
    def work():
        raise ValueError("wrong content")

    with pytest.raises(ValueError, match="wrong content"):
        Pending(work).result()
    assert no_children_left()


def scenario_a_result_that_cannot_travel_back_is_computed_here():
    parent = os.getpid()
    pending = Pending(lambda: (lambda: os.getpid()))  # a lambda does not pickle
    assert pending.result()() == parent


def scenario_no_fork_while_other_threads_run():
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert Pending(os.getpid).result() == os.getpid()
        assert map_in_parts(lambda items: [os.getpid() for _ in items], list(range(6)), 3) == [os.getpid()] * 6
    finally:
        stop.set()
        other.join()


def scenario_map_in_parts_keeps_the_order_and_uses_other_processes():
    items = list(range(23))
    results = map_in_parts(lambda share: [(item * item, os.getpid()) for item in share], items, 3)
    assert [square for square, _ in results] == [item * item for item in items]
    assert len({pid for _, pid in results}) == 3
    assert no_children_left()


def scenario_map_in_parts_with_fewer_items_than_parts():
    assert map_in_parts(lambda share: [item + 1 for item in share], [1], 4) == [2]
    assert map_in_parts(lambda share: [item + 1 for item in share], [], 4) == []


def scenario_a_child_forked_here_goes_on_from_here_and_sends_its_result():
    parent = os.getpid()
    forked = fork_here()
    assert forked is not None
    pid, end = forked
    if pid == 0:  # the child: it runs on from here with what the parent had
        send_and_exit(end, (os.getpid(), "y" * 200_000))  # more than a pipe holds
    (child, text), = collect(pid, end)
    assert child == pid != parent and text == "y" * 200_000
    assert no_children_left()


def scenario_a_child_forked_here_that_fails_sends_nothing():
    pid, end = fork_here()
    if pid == 0:
        send_and_exit(end, lambda: None)  # a function does not pickle: the child fails
    assert collect(pid, end) is None
    assert no_children_left()


def scenario_when_no_child_can_be_made_the_work_runs_here():
    def no_more_processes():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    os.fork = no_more_processes  # this process ends with the scenario
    assert Pending(os.getpid).result() == os.getpid()
    assert map_in_parts(lambda share: [os.getpid() for _ in share], [1, 2, 3], 2) == [os.getpid()] * 3
    assert fork_here() is None


def scenario_an_interrupted_build_stops_its_child_without_waiting_for_it():
    pending = Pending(lambda: time.sleep(60))
    started = time.monotonic()
    pending.close()
    assert time.monotonic() - started < 10
    assert no_children_left()


def scenario_children_are_reaped_when_this_process_fails_its_own_part():
    parent = os.getpid()

    def work(share):
        if os.getpid() == parent:
            raise ValueError("the parent's part fails")
        return ["x" * 100_000 for _ in share]  # more than a pipe holds: a child blocked on writing

    with pytest.raises(ValueError):
        map_in_parts(work, list(range(6)), 3)
    assert no_children_left()


def scenario_a_pool_worker_stays_in_its_own_process():
    from generator import parallel

    parallel.stay_in_this_process()
    assert Pending(os.getpid).result() == os.getpid()


def scenario_when_no_pipe_can_be_made_the_work_runs_here():
    def no_more_files():
        raise OSError(24, "Too many open files")

    os.pipe = no_more_files  # this process ends with the scenario
    assert Pending(os.getpid).result() == os.getpid()
    assert fork_here() is None


SCENARIOS = sorted(name for name in dir() if name.startswith("scenario_"))


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[name.removeprefix("scenario_") for name in SCENARIOS])
def test_in_a_process_of_its_own(scenario):
    in_a_process_of_its_own(__file__, scenario)
