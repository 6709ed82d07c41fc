"""The preview freezes its long-lived heap between builds, and still frees a build's garbage."""

from __future__ import annotations

import gc
import time
import weakref

from generator.settled_heap import SettledHeap


class Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the collector frees it


def _wait_for(predicate, seconds: float = 5.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.01)
    return predicate()


def test_settling_frees_garbage_that_was_frozen_and_freezes_what_lives_on():
    gc.unfreeze()
    try:
        kept, dropped = Node(), Node()
        dropped_ref = weakref.ref(dropped)
        gc.freeze()  # as after an earlier build: both frozen
        del dropped
        gc.collect()
        assert dropped_ref() is not None  # a frozen cycle is not collected...
        SettledHeap.settle()
        assert dropped_ref() is None  # ...until the heap is settled again
        assert gc.get_freeze_count() > 0
        assert kept.me is kept
    finally:
        gc.unfreeze()


def test_settling_waits_for_an_idle_moment_and_a_new_build_cancels_it():
    gc.unfreeze()
    heap = SettledHeap(idle=0.2)
    try:
        heap.build_ended()
        heap.build_starts()  # a save came in: no collection during that build
        time.sleep(0.5)
        assert gc.get_freeze_count() == 0
        heap.build_ended()
        assert _wait_for(lambda: gc.get_freeze_count() > 0)
        heap.stop()
        assert gc.get_freeze_count() == 0
    finally:
        heap.stop()
