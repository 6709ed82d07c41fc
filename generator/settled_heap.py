"""The preview's memory between builds: what lives on is set aside from the garbage collector.

A preview process keeps a large heap between saves (the loaded portal, caches of converted and
measured texts, the link cache). Python's full collections walk all of it, several times per
build: a tenth of a save in a portal of a thousand cases. Once a build is done and the preview has
been idle for a moment, the heap is collected once and what survives is frozen (`gc.freeze`):
the next build's collections only walk what that build makes. The full collection each time
keeps the frozen part from holding garbage: a build's cycles (MkDocs' pages and menu) are freed
at the next idle moment.
"""

from __future__ import annotations

import gc
import threading

IDLE = 0.25  # seconds after a build before collecting: the changed page is served first


class SettledHeap:
    def __init__(self, idle: float = IDLE) -> None:
        self.idle = idle
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()

    def build_starts(self) -> None:
        """A build begins: no full collection in the middle of it."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None

    def build_ended(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(self.idle, self.settle)
            self._timer.daemon = True
            self._timer.start()

    @staticmethod
    def settle() -> None:
        gc.unfreeze()  # what was frozen before may be garbage by now
        gc.collect()
        gc.freeze()

    def stop(self) -> None:
        self.build_starts()
        gc.unfreeze()
