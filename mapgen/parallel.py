"""Run steps of a large build in a forked process while this process does another.

A 100,000-site build is a few seconds of pure-Python work on each side of a fork: validating while
modelling, writing the GeoJSON and CSV while writing the pages. The child gets the parent's data by
fork (nothing is pickled on the way in) and hands back bytes through unnamed temporary files, so
the result is the same bytes a run in this process would give.

A forked child shares every page of this process until one of the two writes it, and reading a Python object
writes its reference count: while a child forked from a process holding the model lives, each page of the model
that either of them reads is copied, up to the model's memory again. Steps that read the same objects therefore
share one child (`Background.together`), and a step that needs only a few arrays is given them by a child forked
before the model was built (`Standby`).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import struct
import tempfile
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO, Any

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


_LENGTH = struct.Struct("<Q")


def _await_job(read: int, write: int, parent: int, prepare: Callable[[], object] = lambda: None) -> Iterator[bytes]:
    """The standby child's render: `prepare`, then wait for the job (length, then pickled function and arguments)
    and run it; none comes if this process is told there is none, or its parent is gone."""
    os.close(write)  # (other children hold the pipe's write end too: the job's length says where it ends)
    prepare()
    with os.fdopen(read, "rb") as pipe:
        while not select.select([pipe], [], [], 1.0)[0]:
            if os.getppid() != parent:
                return
        head = pipe.read(_LENGTH.size)
        if len(head) < _LENGTH.size:
            return
        (size,) = _LENGTH.unpack(head)
        job = pipe.read(size)
    if size:
        render, args = pickle.loads(job)
        yield from render(*args)


class Standby:
    """A child forked now, while this process holds little, to render later the one step it is given: a
    module's function and small arguments (arrays), which reach it pickled through a pipe. A child forked once
    the model is built would instead double every page of the model that this process reads meanwhile.
    `prepare` runs in the child at once, while this process is still small (loading what the step will need)."""

    def __init__(self, fork: bool = True, prepare: Callable[[], object] = lambda: None):
        self._pipe: int | None = None
        self._background: Background | None = None
        if fork and hasattr(os, "fork"):
            read, write = os.pipe()
            parent = os.getpid()
            self._background = Background(lambda: _await_job(read, write, parent, prepare))
            os.close(read)
            self._pipe = write

    def give(self, render: Callable[..., Iterable[bytes]], *args: Any) -> Background:
        """The bytes `render(*args)` yields: rendered by the standby child if there is one still waiting, else
        (like an unforked Background) when they are asked for."""
        if self._pipe is None or self._background is None:
            return Background(lambda: render(*args), fork=False)
        job = pickle.dumps((render, args), pickle.HIGHEST_PROTOCOL)
        with os.fdopen(self._pipe, "wb") as pipe:
            pipe.write(_LENGTH.pack(len(job)) + job)
        self._pipe = None
        return self._background

    def close(self) -> None:
        """Reap the child. One given no step is told so, and left to finish preparing (not killed halfway through
        writing a cache); one given its step is stopped if its bytes are no longer wanted."""
        if self._pipe is not None:
            with os.fdopen(self._pipe, "wb") as pipe:
                pipe.write(_LENGTH.pack(0))
            self._pipe = None
            if self._background is not None:
                with contextlib.suppress(RuntimeError):  # nothing was asked of it
                    self._background.result()
        if self._background is not None:
            self._background.close()
