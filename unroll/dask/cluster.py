"""A batch run on a Dask cluster: the inputs collected and planned as the local batch plans
them, cut into partitions by size, each partition a task on the cluster, and the results
brought back to this process in input order.

ClusterEngine is what report.run_batch calls instead of the local process pool (its collect,
plan and results), so the summary, the failures per file, the warnings file, the index, the
JSON Lines sink, stop handling and the exit code are the local batch's own.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import batch
from ..batch import Collected, LeftOut, Result, Task
from ..errors import UnrollError, UsageError, shown
from ..writers import format_of
from ..writers.options import Options
from . import inputs, work
from .work import Job

if TYPE_CHECKING:
    from distributed import Client, Future

    from ..archives import Member, Reading

PARTITION_BYTES = 4 * 1024 * 1024
"""The input bytes of one partition by default: enough work per task that the scheduler's
cost per task is small beside it (benchmarks/README.md: "Dask partitions")."""

POLL_SECONDS = 0.25
"""How often a wait for a partition looks whether the run was asked to stop."""
FAILED_WAITS = 40
"""How many waits for a partition may fail while its task has not (10 s of them) before the
partition is given up as lost: a cluster that is gone must not hang the run."""

LOCAL_CLUSTER: dict[str, object] = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
}
"""Dask settings for the cluster `local:N` starts: what each of its servers does every few
milliseconds, work or none, and which a run of unroll never reads. A worker's statistical
profiler samples its stacks 100 times a second (for the dashboard's profile page); every
server (the scheduler, each nanny, each worker) checks its event loop's health 50 times a
second, to warn when it was blocked (a warning this cluster's silenced logs never show); each
worker and nanny looks at its memory 10 times a second (still once a second: a worker over its
limit is still paused or ended). Their CPU was a large part of the cluster's cost a thread
(benchmarks/README.md: "Dask partitions"). A cluster at an address keeps its operator's
settings."""


class ClusterUnreachable(UnrollError):
    """The scheduler named by --scheduler cannot be reached, or a local cluster not started."""


@contextmanager
def connect(address: str) -> Iterator[Client]:
    """A client of the scheduler at `address`, or of a LocalCluster of N worker processes
    (one thread each: the conversion is CPU work, which threads of one process would share)
    for `local:N`; closed, and the local cluster stopped, on leaving."""
    import dask.config
    from distributed import Client, LocalCluster

    if address.startswith("local:"):
        count = address[len("local:"):]
        if not count.isdigit() or int(count) < 1:
            raise UsageError(f"--scheduler {address}: give local:N with N workers, N >= 1")
        try:
            with dask.config.set(LOCAL_CLUSTER):  # read as each server starts
                cluster = LocalCluster(n_workers=int(count), threads_per_worker=1,
                                       processes=True, dashboard_address=":0",
                                       silence_logs=logging.CRITICAL)
        except (OSError, RuntimeError) as err:
            raise ClusterUnreachable(f"cannot start a local cluster ({err})") from None
        # (Its servers' logs are silenced up to CRITICAL: a loaded machine makes them log a
        # comm traceback as the cluster closes, which is nothing a user can act on; a failed
        # partition reaches the run as its exception.)
        # Its workers are on this machine: the documents come from them straight, not
        # relayed by the scheduler (one trip through this process's event loop, not two).
        with cluster, Client(cluster, direct_to_workers=True) as client:
            yield client
        return
    try:
        client = Client(address)  # waits distributed.comm.timeouts.connect (dask's config)
    except (OSError, TimeoutError, ValueError) as err:
        raise ClusterUnreachable(f"cannot reach the scheduler {shown(address)} ({err})") from None
    with client:
        yield client


class ClusterEngine:
    """Where report.run_batch's work goes: the inputs (local paths, or any fsspec URL) and
    their outputs (a local folder or file, or a URL), on `client`'s cluster.

    `output`: the run's -o as given (a URL stays a URL). `parts`: JSON Lines as one file per
    partition under `output`, written by the workers, instead of one file gathered here."""

    def __init__(self, client: Client | None, output: str | None, *, parts: bool = False,
                 partition_bytes: int = PARTITION_BYTES) -> None:
        self.client = client
        self.output = output
        self.parts = parts
        self.partition_bytes = partition_bytes
        self.partitions: list[list[Job]] = []
        """The planned work, partition by partition (plan fills it)."""
        self.part_names: list[str] = []
        """With `parts`: each partition's JSON Lines file, as a path or a URL."""
        self.parts_existed: list[bool] = []
        """With `parts`: whether each part file was there when the run was planned."""
        self._sizes: dict[str, int] = {}

    def collect(self, given: list[str], *, own: Sequence[str] = (),
                reading: Reading | None = None) -> Collected:
        """As batch.collect, for local paths and URLs alike, in the order given: a local path
        or file:// URL is walked by batch.collect itself, archives read as `reading` says
        (each worker then reads its own member of the archive)."""
        found: list[tuple[str, str]] = []
        failed: list[Result] = []
        left_out: list[LeftOut] = []
        walked: set[str] = set()
        members: dict[tuple[str, str], tuple[str, Member]] = {}
        for name in given:
            local = inputs.local_path(name)
            if local is not None:
                got = batch.collect([local], own=[o for o in own if "://" not in o],
                                    reading=reading)
                members.update(got.members or {})
            else:
                try:
                    remote = inputs.collect([name], own=own)
                except (OSError, ValueError, ImportError) as err:  # ImportError: "Install s3fs"
                    failed.append(Result("failed", shown(name), f"cannot be listed ({err})"))
                    continue
                got = remote.collected
                self._sizes.update(remote.sizes)
            found += got.found
            failed += got.failed
            left_out += got.left_out
            walked |= got.walked
        return Collected(found, failed, left_out, frozenset(walked), members)

    def plan(self, found: list[tuple[str, str]], out: Path | None, to: str, *,
             site: str | None = None, limit: int | None = None, force: bool = False,
             update: bool = False, options: Options | None = None,
             walked: Collection[str] = (),
             members: dict[tuple[str, str], tuple[str, Member]] | None = None) -> list[Task]:
        """As batch.plan (which makes every task, and refuses collisions in a local folder),
        and the partitions: the inputs in order, cut every `partition_bytes`."""
        remote_out = self.output is not None and inputs.local_path(self.output) is None
        local_out = None if self.parts or remote_out else out
        tasks = batch.plan(found, local_out, to, site=site, limit=limit, force=force,
                           update=update, options=options, walked=walked, members=members)
        puts = _remote_targets(found, self.output, to) if remote_out and not self.parts \
            else [None] * len(tasks)
        there = inputs.existing(self.output) if remote_out or self.parts else set()
        jobs = [Job(task, None if inputs.local_path(task.source) is not None else task.source,
                    put, put in there) for task, put in zip(tasks, puts, strict=True)]
        sizes = [self._sizes[j.fetch] if j.fetch is not None and j.fetch in self._sizes
                 else inputs.local_size(j.task.source) for j in jobs]
        cuts = inputs.partitions(sizes, self.partition_bytes)
        self.partitions = [jobs[cut.start:cut.stop] for cut in cuts]
        if self.parts and self.output is not None:
            extension = format_of(to).extensions[0]
            self.part_names = [inputs.join(self.output, f"part-{n:05d}{extension}")
                               for n in range(len(cuts))]
            self.parts_existed = [name in there for name in self.part_names]
        return tasks

    def calls(self, *, force: bool = False,
              update: bool = False) -> list[tuple[Callable[..., list[Result]], tuple[Any, ...]]]:
        """The work of each partition, in order: a function of work.py and its arguments."""
        if self.parts:
            return [(work.convert_part, (jobs, part, existed, force, update))
                    for jobs, part, existed in zip(self.partitions, self.part_names,
                                                   self.parts_existed, strict=True)]
        return [(work.convert, (jobs,)) for jobs in self.partitions]

    def _take(self, tasks: list[Task]) -> None:
        """The planned partitions, each job with its task as the run's sink asks it run (a
        database's hashes each input and knows what it holds): one for one, in order."""
        jobs = [job for partition in self.partitions for job in partition]
        if len(jobs) != len(tasks):
            raise ValueError(f"{len(tasks)} tasks for the {len(jobs)} planned")
        given = iter(tasks)
        self.partitions = [[replace(job, task=next(given)) for job in partition]
                           for partition in self.partitions]

    def results(self, tasks: list[Task], jobs: int = 0) -> Iterator[Result]:
        """The results of the planned `tasks`, in input order, as each partition comes back.

        A partition whose task fails on the cluster (its workers lost more times than the
        scheduler retries) gives a failure for each of its inputs, with the reason; the run
        goes on. After batch.request_stop, the partitions not yet back are cancelled and no
        other result comes (a partition under way on a worker may still finish writing its
        files: atomically, so no partial file is left). `jobs` is the local batch's process
        count: the cluster has its own workers."""
        if self.client is None:
            raise UsageError("this engine has no cluster to run on")
        self._take(tasks)
        first = tasks[0] if tasks else None
        futures = [self.client.submit(work.packed, function, work.pack(args), pure=False)
                   for function, args in self.calls(force=bool(first and first.force),
                                                    update=bool(first and first.update))]
        try:
            for future, partition in zip(futures, self.partitions, strict=True):
                done = _wait(future, partition)
                if done is None:
                    return
                yield from done
        finally:
            if self.client is not None:
                self.client.cancel([f for f in futures if not f.done()])


def _wait(future: Future[bytes], partition: list[Job]) -> list[Result] | None:
    """The results of one partition (work.packed's); None when the run was asked to stop
    meanwhile."""
    from distributed import TimeoutError as Pending

    failed_waits = 0
    while True:
        if batch.stop_requested():
            return None
        try:
            done = future.result(timeout=POLL_SECONDS)
        except Pending:
            continue
        except Exception as err:
            failed_waits += 1
            if future.status not in ("error", "cancelled") and failed_waits < FAILED_WAITS:
                # The wait failed, not the task: distributed's result() can raise while the
                # scheduler reschedules a result lost with its worker (an UnboundLocalError,
                # dask/distributed#8514); the task goes on, so the wait does too.
                time.sleep(POLL_SECONDS)
                continue
            reason = f"lost on the cluster ({type(err).__name__}: {err})"
            return [Result("failed", job.task.name, reason) for job in partition]
        return work.unpacked(done)


def _remote_targets(found: list[tuple[str, str]], output: str | None,
                    to: str) -> list[str | None]:
    """Each input's output URL under folder URL `output`, mirroring the input tree; two inputs
    that would write one object stop the run before anything is written, as in a local
    folder."""
    targets: list[str | None] = []
    owners: dict[str, str] = {}
    for source, relative in found:
        target = inputs.join(output or "",
                             str(Path(relative).with_suffix(format_of(to).extensions[0])))
        if target in owners:
            raise UsageError(f"{shown(owners[target])} and {shown(source)} would both write"
                             f" {shown(target)}; rename one of them")
        owners[target] = source
        targets.append(target)
    return targets
