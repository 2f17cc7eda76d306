"""Run steps of a large build in a forked process while this process does another.

A 100,000-site build is a few seconds of pure-Python work on each side of a fork: validating while
modelling, writing the GeoJSON and CSV while writing the pages. The child gets the parent's data by
fork (nothing is pickled on the way in) and hands back bytes through unnamed temporary files, so
the result is the same bytes a run in this process would give.

A forked child that reads Python objects writes their reference counts, and so copies every page they lie
on: each child holding the model costs the model's memory again. Steps that read the same objects therefore
share one child (`Background.together`), which renders them one after the other.
"""

from __future__ import annotations

import os
import tempfile
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO

CHUNK = 1 << 20

Render = Callable[[], Iterable[bytes]]


class _Child:
    """One forked process rendering each of `renders` in turn into a spool of its own."""

    def __init__(self, renders: Sequence[Render]):
        self.spools: list[IO[bytes]] = [tempfile.TemporaryFile() for _ in renders]
        self.errors = tempfile.TemporaryFile()
        self.status: int | None = None
        pid = os.fork()
        if pid == 0:  # the child: render, report, and leave without running the parent's cleanup
            code = 0
            try:
                for render, spool in zip(renders, self.spools, strict=True):
                    for chunk in render():
                        spool.write(chunk)
                    spool.flush()
            except BaseException:
                self.errors.write(traceback.format_exc().encode())
                self.errors.flush()
                code = 1
            os._exit(code)
        self.pid = pid

    def wait(self) -> None:
        """Wait for the child (once); raise if it failed."""
        if self.status is None:
            _, status = os.waitpid(self.pid, 0)
            self.status = os.waitstatus_to_exitcode(status)
        if self.status != 0:
            self.errors.seek(0)
            detail = self.errors.read().decode("utf-8", "replace").strip()
            raise RuntimeError(f"a background step of the build failed:\n{detail or f'exit status {self.status}'}")

    def stop(self) -> None:
        """Kill and reap the child if it is still running (its results are no longer wanted)."""
        if self.status is None:
            try:
                os.kill(self.pid, 9)
            except ProcessLookupError:
                pass
            _, status = os.waitpid(self.pid, 0)
            self.status = os.waitstatus_to_exitcode(status)


class Background:
    """The bytes `render()` yields, produced in a child process; iterate to wait for them."""

    def __init__(self, render: Render, fork: bool = True, *, _child: _Child | None = None, _index: int = 0):
        self._render: Render = lambda: ()  # a forked step's data are the child's alone
        self._child = _child
        self._index = _index
        if _child is None:
            if fork and hasattr(os, "fork"):
                self._child = _Child([render])
            else:
                self._render = render

    @classmethod
    def together(cls, renders: Sequence[Render], fork: bool = True) -> list[Background]:
        """Each of `renders` as a Background, all rendered by one child, one after the other: for steps that
        read the same objects, which a child of each would copy once each."""
        if not (fork and hasattr(os, "fork")):
            return [cls(render, fork=False) for render in renders]
        child = _Child(renders)
        return [cls(lambda: (), _child=child, _index=k) for k in range(len(renders))]

    def __iter__(self) -> Iterator[bytes]:
        if self._child is None:
            yield from self._render()
            return
        self._child.wait()
        spool = self._child.spools[self._index]
        spool.seek(0)
        while chunk := spool.read(CHUNK):
            yield chunk
        spool.close()

    def result(self) -> bytes:
        return b"".join(self)

    def close(self) -> None:
        """Stop and reap the child if its result is no longer wanted (the build failed elsewhere)."""
        if self._child is not None:
            self._child.stop()
            self._child.spools[self._index].close()
            if all(spool.closed for spool in self._child.spools):
                self._child.errors.close()

    def __del__(self) -> None:
        self.close()
