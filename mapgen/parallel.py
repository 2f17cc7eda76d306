"""Run one step of a large build in a forked process while this process does another.

A 100,000-site build is a few seconds of pure-Python work on each side of a fork: validating while
modelling, writing the GeoJSON and CSV while writing the pages. The child gets the parent's data by
fork (nothing is pickled on the way in) and hands back bytes through an unnamed temporary file, so
the result is the same bytes a run in this process would give.
"""

from __future__ import annotations

import os
import tempfile
import traceback
from collections.abc import Callable, Iterable, Iterator

CHUNK = 1 << 20


class Background:
    """The bytes `render()` yields, produced in a child process; iterate to wait for them."""

    def __init__(self, render: Callable[[], Iterable[bytes]], fork: bool = True):
        self._render: Callable[[], Iterable[bytes]] = lambda: ()  # a forked step's data are the child's alone
        self._pid = 0
        if not (fork and hasattr(os, "fork")):
            self._render = render
            return
        self._spool = tempfile.TemporaryFile()
        self._errors = tempfile.TemporaryFile()
        pid = os.fork()
        if pid == 0:  # the child: render, report, and leave without running the parent's cleanup
            code = 0
            try:
                for chunk in render():
                    self._spool.write(chunk)
                self._spool.flush()
            except BaseException:
                self._errors.write(traceback.format_exc().encode())
                self._errors.flush()
                code = 1
            os._exit(code)
        self._pid = pid

    def __iter__(self) -> Iterator[bytes]:
        if not self._pid:
            yield from self._render()
            return
        status = self._wait()
        if status != 0:
            self._errors.seek(0)
            detail = self._errors.read().decode("utf-8", "replace").strip()
            raise RuntimeError(f"a background step of the build failed:\n{detail or f'exit status {status}'}")
        self._spool.seek(0)
        while chunk := self._spool.read(CHUNK):
            yield chunk
        self.close()

    def result(self) -> bytes:
        return b"".join(self)

    def _wait(self) -> int:
        _, status = os.waitpid(self._pid, 0)
        self._pid = -1  # reaped
        return os.waitstatus_to_exitcode(status)

    def close(self) -> None:
        """Stop and reap the child if its result is no longer wanted (the build failed elsewhere)."""
        if self._pid > 0:
            try:
                os.kill(self._pid, 9)
            except ProcessLookupError:
                pass
            self._wait()
        if self._pid:
            self._spool.close()
            self._errors.close()

    def __del__(self) -> None:
        self.close()
