"""Wall time and peak memory of a command and every process it starts (a build forks children).

The peak is of the memory the whole tree holds, each page counted once, polled every 20 ms. Where a memory
cgroup can be made (root, with the cgroup v1 or v2 memory controller), the command runs in a cgroup of its own
and the poll reads the kernel's count of the group's anonymous and mapped-file pages (memory.stat: `rss` +
`mapped_file`, or `anon` + `file_mapped`); page cache of the files it writes is not counted. That read costs
microseconds, whatever the size of the processes, so short peaks are caught. Elsewhere each process's PSS is
summed from /proc/<pid>/smaps_rollup (pages shared after a fork are split between the processes), or its RSS from
/proc/<pid>/status where smaps_rollup cannot be read (the sum then counts shared pages more than once); `kind`
says which was used. Reading smaps_rollup walks the page tables of a process under its memory lock, which stalls
its page faults meanwhile: a poll every 20 ms of a build holding 4 GB made it take 107 s instead of 66 s, so each
pause is at least POLL_SHARE times as long as the poll before it, and a peak shorter than the pauses (seconds,
for gigabytes) may be missed. Beside it, the largest single process's peak RSS (VmHWM, the kernel's own
high-water mark, read while polling): not wait4's ru_maxrss, which on Linux carries over the RSS of the process
that forked the command (here the benchmark's own).
"""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

INTERVAL = 0.02
POLL_SHARE = 20  # a pause between polls lasts at least this many times the poll (under 5 % of the time polling)


@dataclass
class Measured:
    wall: float  # seconds
    tree_mb: float  # peak of the sum over the process tree
    kind: str  # "PSS", "RSS" or "PSS+RSS": what was summed
    largest_mb: float  # peak RSS of the largest single process (VmHWM)
    error: str = ""  # why the run failed or was stopped; empty if it finished with status 0


def descendants(pid: int) -> list[int]:
    """pid and every process below it."""
    found, stack = [], [pid]
    while stack:
        p = stack.pop()
        found.append(p)
        try:
            tasks = os.listdir(f"/proc/{p}/task")
        except OSError:
            continue
        for t in tasks:
            try:
                stack.extend(int(c) for c in Path(f"/proc/{p}/task/{t}/children").read_text().split())
            except OSError:
                pass
    return found


class MemoryGroup:
    """A memory cgroup for one command: the kernel counts the pages its processes hold, each once."""

    def __init__(self, path: Path, fields: tuple[str, ...]):
        self.path = path
        self.fields = fields  # the lines of memory.stat summed

    @classmethod
    def make(cls) -> MemoryGroup | None:
        """A new, empty group, or None where none can be made."""
        name = f"mapgen-bench-{os.getpid()}-{time.monotonic_ns()}"
        v2 = Path("/sys/fs/cgroup")
        for root, fields in ((v2 / "memory", ("rss", "mapped_file")), (v2, ("anon", "file_mapped"))):
            try:
                if root == v2 and "memory" not in (v2 / "cgroup.subtree_control").read_text().split():
                    continue
                (root / name).mkdir()
            except OSError:
                continue
            group = cls(root / name, fields)
            try:
                group.kb()
                return group
            except (OSError, ValueError):
                group.remove()
        return None

    def join(self) -> None:
        """Move the calling process into the group (a command's, before it runs: what it starts follows it)."""
        (self.path / "cgroup.procs").write_text(str(os.getpid()))

    def kb(self) -> int:
        values = dict(line.split()[:2] for line in (self.path / "memory.stat").read_text().splitlines())
        return sum(int(values[field]) for field in self.fields) // 1024

    def remove(self) -> None:
        """Remove the group, once the processes it held (killed ones too) are gone."""
        for _ in range(100):
            try:
                self.path.rmdir()
                return
            except OSError:
                time.sleep(0.02)


def memory_kb(pid: int, pss: bool = True) -> tuple[int, str, int]:
    """(kB, "PSS", peak RSS kB) with PSS from smaps_rollup, else (kB, "RSS", …) from status; (0, "", 0) if the
    process is gone. Without `pss`, smaps_rollup is not read."""
    status: dict[str, int] = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(("VmRSS:", "VmHWM:")):
                status[line[:5]] = int(line.split()[1])
    except OSError:
        return 0, "", 0
    if not pss:
        return status.get("VmRSS", 0), "RSS", status.get("VmHWM", 0)
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]), "PSS", status.get("VmHWM", 0)
    except OSError:
        pass
    if "VmRSS" not in status:
        return 0, "", 0
    return status["VmRSS"], "RSS", status.get("VmHWM", 0)


def run(cmd: list[str], env: dict[str, str] | None = None, timeout: float | None = None,
        mem_limit_mb: float | None = None, cgroup: bool = True) -> Measured:
    """Run `cmd` (its output discarded, its errors kept for the message) and measure it, in a memory cgroup of
    its own if `cgroup` and one can be made. A run past `timeout` seconds or `mem_limit_mb` for the whole tree
    is killed with its process group and reported as such."""
    group = MemoryGroup.make() if cgroup else None
    try:
        try:
            return _run(cmd, env, timeout, mem_limit_mb, group)
        except subprocess.SubprocessError:  # raised by join: the group was made but may not be entered
            if group is None:
                raise
        return _run(cmd, env, timeout, mem_limit_mb, None)
    finally:
        if group:
            group.remove()


def _run(cmd: list[str], env: dict[str, str] | None, timeout: float | None, mem_limit_mb: float | None,
         group: MemoryGroup | None) -> Measured:
    kinds: set[str] = {"cgroup"} if group else set()
    peak = largest = 0
    error = ""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=env, start_new_session=True,
                                preexec_fn=group.join if group else None)
        while True:
            pid, status, _ = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            total, polled = 0, time.perf_counter()
            for p in descendants(proc.pid):
                kb, kind, hwm = memory_kb(p, pss=group is None)
                total += kb
                largest = max(largest, hwm)
                if kind and not group:
                    kinds.add(kind)
            if group:
                try:
                    total = group.kb()
                except (OSError, ValueError):
                    pass
            peak = max(peak, total)
            elapsed = time.perf_counter() - start
            stop = ""
            if timeout is not None and elapsed > timeout:
                stop = f"stopped after {timeout:.0f} s"
            elif mem_limit_mb is not None and total / 1024 > mem_limit_mb:
                stop = f"stopped at {total / 1024:.0f} MB (limit {mem_limit_mb:.0f} MB)"
            if stop and not error:
                error = stop
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(max(INTERVAL, POLL_SHARE * (time.perf_counter() - polled)))
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if not error and proc.returncode != 0:
            err.seek(0)
            error = f"exit status {proc.returncode}: " + err.read().decode("utf-8", "replace").strip()[-2000:]
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # children it left behind
    except (ProcessLookupError, PermissionError):
        pass
    kind = "+".join(sorted(kinds)) or "none"
    return Measured(wall, peak / 1024, kind, largest / 1024, error)
