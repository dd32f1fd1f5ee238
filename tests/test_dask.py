"""The batch on a real Dask cluster (a LocalCluster of 2 worker processes, started here): the
same bytes as the local batch, failures per file, a worker killed mid-run, reruns.

fsspec's memory:// file system lives in one process, so the worker processes of a process
cluster cannot see a memory:// archive the test writes: the process cluster works on local
folders (by path and by file:// URL, through the same fsspec calls a worker makes for any
URL), and memory:// stands in for object storage on a cluster whose workers are threads of
this process.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

distributed = pytest.importorskip(
    "distributed", reason="the dask extra is not installed: pip install -e '.[dask]'")
fsspec = pytest.importorskip("fsspec", reason="the dask extra is not installed")

import unroll.dask  # noqa: E402  (after the skips: it needs the extra)
from unroll import batch  # noqa: E402
from unroll.cli import cli  # noqa: E402
from unroll.dask import inputs  # noqa: E402

pytestmark = pytest.mark.slow  # a real LocalCluster: seconds a test

THREADS = 500
BROKEN = {
    "broken/binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00",
    "broken/empty.txt": b"",
    "broken/blank.txt": b"  \n\n \n",
    "broken/gzip.txt": b"\x1f\x8b\x08\x00\x00\x00\x00\x00",
}
PARTITION = 2_000
"""Bytes of input per partition in these tests: a few threads each, so the 500 threads make
dozens of partitions, and both workers have work when one is killed."""


def thread_text(i: int) -> str:
    """A small thread, different for each i: numbered posts, an aside, a speaker's turn."""
    return (f"Thread {i} opens on the river report 1/\n"
            f"The council said it would publish in {2000 + i % 25} [it did not] 2/\n"
            f"Chair: We will look again at item {i}.\nOfficer: Noted. 3/\n"
            f"Last post of thread {i}, with thanks 4/\n")


def make_archive(root: Path) -> Path:
    """THREADS threads in nested folders, broken inputs, and files a walk leaves out."""
    for i in range(THREADS):
        path = root / f"{i // 100:02d}" / f"{i % 10}" / f"thread-{i:04d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(thread_text(i), encoding="utf-8")
    for name, data in BROKEN.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    (root / ".hidden.txt").write_text("hidden 1/\n", encoding="utf-8")
    (root / "notes.pdf").write_bytes(b"%PDF-1.4")
    return root


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_archive(tmp_path_factory.mktemp("dask") / "archive")


@pytest.fixture(scope="module")
def client() -> Iterator[distributed.Client]:
    """A LocalCluster of 2 worker processes, one thread each, as `--scheduler local:2` starts."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0", silence_logs=logging.ERROR) as cluster, \
            distributed.Client(cluster) as connected:
        yield connected


def local_batch(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "unroll", "convert", *args, "-j", "1"],
                          cwd=cwd, capture_output=True, text=True, check=False)


def summary(stderr: str) -> list[str]:
    """unroll's lines on stderr: a busy machine may add dask's own warnings (a slow start)."""
    return [line for line in stderr.splitlines() if line.startswith(("unroll:", "  "))]


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_scheduler_local_gives_the_local_batch_bytes(archive: Path, tmp_path: Path) -> None:
    """`--scheduler local:2` as a user runs it: the JSON Lines, the summary and the exit code
    of the local batch, the broken inputs reported with their reasons."""
    here = local_batch([str(archive), "-o", str(tmp_path / "local.jsonl")], tmp_path)
    there = subprocess.run(
        [sys.executable, "-m", "unroll", "convert", str(archive), "-o",
         str(tmp_path / "cluster.jsonl"), "--scheduler", "local:2",
         "--partition-size", str(PARTITION * 10)],
        cwd=tmp_path, capture_output=True, text=True, check=False, timeout=120)
    assert (here.returncode, there.returncode) == (1, 1)
    local = (tmp_path / "local.jsonl").read_bytes()
    assert local.count(b"\n") == THREADS
    assert (tmp_path / "cluster.jsonl").read_bytes() == local
    assert summary(there.stderr) == summary(here.stderr)
    assert f"{THREADS} converted, 0 skipped, {len(BROKEN)} failed" in there.stderr
    assert "broken/binary.txt: not text (a PNG image)" in there.stderr
    assert "Traceback" not in there.stderr


def test_part_files_concatenate_to_the_local_batch(client: distributed.Client, archive: Path,
                                                   tmp_path: Path) -> None:
    """-t jsonl -o DIR/ on the cluster at a tcp:// address: a part file per partition, in
    input order within it; together, the local batch's JSON Lines. A rerun with --update
    keeps every part."""
    local_batch([str(archive), "-o", str(tmp_path / "local.jsonl")], tmp_path)
    parts = tmp_path / "parts"
    args = ["convert", str(archive), "-t", "jsonl", "-o", f"{parts}/", "--scheduler",
            client.scheduler.address, "--partition-size", str(PARTITION)]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 1, first.output
    names = sorted(p.name for p in parts.iterdir())
    assert len(names) > 20 and names[0] == "part-00000.jsonl"
    assert names == [f"part-{n:05d}.jsonl" for n in range(len(names))]
    joined = b"".join((parts / name).read_bytes() for name in names)
    assert joined == (tmp_path / "local.jsonl").read_bytes()
    before = {p.name: p.stat().st_mtime_ns for p in parts.iterdir()}
    again = CliRunner().invoke(cli, [*args, "--update"])
    assert again.exit_code == 0, again.output
    assert f"0 converted, {THREADS + len(BROKEN)} skipped, 0 failed" in again.stderr
    assert {p.name: p.stat().st_mtime_ns for p in parts.iterdir()} == before


def test_file_urls_mirror_the_tree_as_the_local_batch(client: distributed.Client,
                                                      archive: Path, tmp_path: Path) -> None:
    """file:// in and out, one file per input: the workers read and write through fsspec's
    URLs, and the tree is the local batch's, byte for byte; outputs that exist are kept."""
    local_batch([str(archive), "-o", str(tmp_path / "local"), "-t", "json"], tmp_path)
    out = tmp_path / "cluster"
    args = ["convert", archive.as_uri() + "/", "-o", out.as_uri() + "/", "-t", "json",
            "--scheduler", client.scheduler.address, "--partition-size", str(PARTITION)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert f"{THREADS} converted, 0 skipped, {len(BROKEN)} failed" in result.stderr
    assert tree(out) == tree(tmp_path / "local")
    assert len(tree(out)) == THREADS
    again = CliRunner().invoke(cli, args)
    assert f"0 converted, {THREADS} skipped, {len(BROKEN)} failed" in again.stderr


def worker_pids(client: distributed.Client) -> dict[str, int]:
    pids: dict[str, int] = client.run(os.getpid)
    return pids


def run_killing_a_worker(client: distributed.Client, archive: Path,
                         output: str | None = None) -> tuple[list[batch.Task],
                                                             list[batch.Result]]:
    """The archive through a ClusterEngine, one worker process killed (SIGKILL) as soon as
    the first result is back; the tasks and the results. Checks that a worker was killed."""
    client.wait_for_workers(2)
    engine = unroll.dask.ClusterEngine(client, output, parts=output is not None,
                                       partition_bytes=PARTITION)
    collected = engine.collect([str(archive)])
    tasks = engine.plan(collected.found, None, "jsonl", walked=collected.walked)
    pids = worker_pids(client)
    results: list[batch.Result] = []
    for result in engine.results(tasks):
        if not results:
            os.kill(next(iter(pids.values())), signal.SIGKILL)
        results.append(result)
    assert set(worker_pids(client).values()) != set(pids.values())  # one was killed
    return tasks, results


@pytest.mark.parametrize("parts", [False, True], ids=["gathered", "part-files"])
def test_a_worker_killed_mid_run_still_gives_the_whole_result(
        client: distributed.Client, archive: Path, tmp_path: Path, parts: bool) -> None:
    """One worker process is killed (SIGKILL) once the first partitions are back: the
    scheduler runs its partitions again on the other worker and on the one the nanny starts,
    and the result is the local batch's, complete and byte for byte."""
    local_batch([str(archive), "-o", str(tmp_path / "local.jsonl")], tmp_path)
    tasks, results = run_killing_a_worker(client, archive,
                                          f"{tmp_path / 'parts'}/" if parts else None)
    assert [r.name for r in results] == [t.name for t in tasks]
    assert sum(r.status == "converted" for r in results) == THREADS
    failed = {r.name: r.message for r in results if r.status == "failed"}
    assert sorted(failed) == sorted(str(archive / name) for name in BROKEN)
    if parts:
        documents = b"".join(p.read_bytes() for p in sorted((tmp_path / "parts").iterdir()))
    else:
        documents = b"".join(r.document for r in results if r.document is not None)
    assert documents == (tmp_path / "local.jsonl").read_bytes()


def test_a_killed_writers_temporary_file_goes_when_its_part_is_put_in_place(
        client: distributed.Client, archive: Path, tmp_path: Path) -> None:
    """A worker killed while it wrote a part leaves its temporary file (a SIGKILL runs no
    clean-up); the attempt that puts the part in place removes it, so the folder holds the
    parts alone, as the local batch's JSON Lines together."""
    local_batch([str(archive), "-o", str(tmp_path / "local.jsonl")], tmp_path)
    parts = tmp_path / "parts"
    parts.mkdir()
    (parts / ".part-00000.jsonl.0123456789ab.tmp").write_bytes(b'{"unroll": 2, "sou')
    result = CliRunner().invoke(cli, ["convert", str(archive), "-t", "jsonl", "-o", f"{parts}/",
                                      "--scheduler", client.scheduler.address,
                                      "--partition-size", str(PARTITION)])
    assert result.exit_code == 1, result.output  # (the archive's broken inputs)
    names = sorted(p.name for p in parts.iterdir())
    assert names == [f"part-{n:05d}.jsonl" for n in range(len(names))]
    joined = b"".join((parts / name).read_bytes() for name in names)
    assert joined == (tmp_path / "local.jsonl").read_bytes()


def test_a_partition_lost_for_good_fails_file_by_file(client: distributed.Client,
                                                     archive: Path) -> None:
    """With no retry allowed, the partitions under way on a killed worker are lost: each of
    their files is reported failed with the reason, and every other file is converted."""
    retries = client.run_on_scheduler(lambda dask_scheduler: dask_scheduler.allowed_failures)
    client.run_on_scheduler(lambda dask_scheduler: setattr(dask_scheduler,
                                                           "allowed_failures", 0))
    try:
        tasks, results = run_killing_a_worker(client, archive)
    finally:
        client.run_on_scheduler(lambda dask_scheduler: setattr(dask_scheduler,
                                                               "allowed_failures", retries))
    assert [r.name for r in results] == [t.name for t in tasks]
    lost = [r for r in results if r.message.startswith("lost on the cluster (KilledWorker")]
    assert lost and all(r.status == "failed" for r in lost)
    broken = {str(archive / name) for name in BROKEN}
    for result in results:
        assert result.status == "converted" or result in lost or (
            result.status == "failed" and result.name in broken), result
    assert sum(r.status == "converted" for r in results) >= THREADS // 2


@pytest.fixture()
def threaded_client() -> Iterator[distributed.Client]:
    """A LocalCluster whose workers are threads of this process: they see its memory://."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=":0", silence_logs=logging.ERROR) as cluster, \
            distributed.Client(cluster) as connected:
        yield connected


def test_memory_urls_stand_in_for_object_storage(threaded_client: distributed.Client,
                                                 tmp_path: Path) -> None:
    """Inputs listed, read and written only through fsspec (memory://): the bag's documents
    are the local conversion's; a folder output mirrors the tree; part files join up."""
    memory = fsspec.filesystem("memory")
    for i in range(40):
        memory.pipe_file(f"/captures/{i % 4}/t{i:02d}.txt", thread_text(i).encode("utf-8"))
    memory.pipe_file("/captures/.hidden.txt", b"hidden 1/\n")
    memory.pipe_file("/captures/broken.txt", BROKEN["broken/binary.txt"])
    for i in range(40):
        (tmp_path / f"{i % 4}").mkdir(exist_ok=True)
        (tmp_path / f"{i % 4}" / f"t{i:02d}.txt").write_text(thread_text(i), encoding="utf-8")
    results = unroll.dask.threads("memory://captures/", to="json",
                                  partition_bytes=PARTITION).compute()
    assert len(results) == 41
    by_name = {r.name: r for r in results}
    assert by_name["memory:///captures/broken.txt"].status == "failed"
    for i in range(40):
        name = f"memory:///captures/{i % 4}/t{i:02d}.txt"
        expected = unroll.convert(Path(tmp_path / f"{i % 4}" / f"t{i:02d}.txt"), to="json",
                                  name=name)
        assert by_name[name].document == expected.encode("utf-8")
    unroll.dask.threads("memory://captures/", to="md", output="memory://out/",
                        partition_bytes=PARTITION).compute()
    assert len(memory.find("/out")) == 40
    assert memory.cat_file("/out/0/t00.md").decode("utf-8") == unroll.convert(
        thread_text(0), to="md", name="memory:///captures/0/t00.txt")
    unroll.dask.threads("memory://captures/", to="jsonl", output="memory://parts/",
                        partition_bytes=PARTITION).compute()
    joined = b"".join(memory.cat_file(p) for p in sorted(memory.find("/parts")))
    assert len(memory.find("/parts")) > 1
    urls = sorted(name for name in by_name if "broken" not in name)
    assert joined == b"".join(
        unroll.convert(tmp_path / url.split("/captures/")[1], to="jsonl", name=url)
        .encode("utf-8") for url in urls)


def test_remote_listing_leaves_out_what_a_walk_does() -> None:
    memory = fsspec.filesystem("memory")
    for name in ("/walk/a.txt", "/walk/sub/b.html", "/walk/.git/c.txt", "/walk/d.pdf",
                 "/walk/out/e.txt"):
        memory.pipe_file(name, b"x")
    found = inputs.collect(["memory://walk/"], own=["memory://walk/out/"])
    assert [f for f, _ in found.collected.found] == ["memory:///walk/a.txt",
                                                     "memory:///walk/sub/b.html"]
    assert [r for _, r in found.collected.found] == ["a.txt", "sub/b.html"]
    reasons = {item.name: item.reason for item in found.collected.left_out}
    assert reasons == {"memory:///walk/.git/c.txt": batch.HIDDEN,
                       "memory:///walk/d.pdf": batch.OTHER_TYPE,
                       "memory:///walk/out/e.txt": batch.OWN_OUTPUT}
    nothing = inputs.collect(["memory://walk/*.docx"])
    assert [r.message for r in nothing.collected.failed] == ["no file matches this pattern"]
    unknown = unroll.dask.ClusterEngine(None, None).collect(["nope://bucket/"])
    assert [r.message[:20] for r in unknown.failed] == ["cannot be listed (Pr"]


@given(st.lists(st.integers(min_value=0, max_value=5_000), max_size=60),
       st.integers(min_value=1, max_value=20_000))
def test_partitions_cover_every_input_once_in_order(sizes: list[int], target: int) -> None:
    cuts = inputs.partitions(sizes, target)
    assert [i for cut in cuts for i in cut] == list(range(len(sizes)))
    assert all(len(cut) > 0 for cut in cuts)
    for cut in cuts[:-1]:  # each full partition stopped at the first input that filled it
        held = [max(sizes[i], 1) for i in cut]
        assert sum(held) >= target > sum(held[:-1])
    assert inputs.partitions(sizes, target) == cuts


@pytest.mark.parametrize(("args", "message"), [
    (["--scheduler", "local:0"], "give local:N"),
    (["--scheduler", "local:2", "-j", "2"], "--jobs and --encoding are not for --scheduler"),
    (["--partition-size", "100"], "--partition-size is for --scheduler"),
    (["--scheduler", "local:2", "-t", "jsonl", "-o", "memory://x/all.jsonl"],
     "one JSON Lines file is gathered here"),
])
def test_usage_errors(archive: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, ["convert", str(archive), "-o", "x.jsonl", *args])
    assert result.exit_code == 2
    assert message in result.stderr


def test_a_local_cluster_does_without_the_housekeeping() -> None:
    """`local:N` starts its workers with the profiler off, a health tick and a memory check a
    second (cluster.LOCAL_CLUSTER), and gathers from them directly; the caller's own Dask
    settings are as they were afterwards."""
    import dask.config

    from unroll.dask.cluster import LOCAL_CLUSTER, connect

    keys = list(LOCAL_CLUSTER)
    before = [dask.config.get(key) for key in keys]
    assert before != list(LOCAL_CLUSTER.values())  # Dask's defaults: the settings change them
    with connect("local:1") as client:
        workers = client.run(lambda dask_worker: (
            "profile" in dask_worker.periodic_callbacks, dask_worker._tick_interval,
            dask_worker.memory_manager.memory_monitor_interval))
        assert list(workers.values()) == [(False, 1.0, 1.0)]
        ticks = client.run_on_scheduler(lambda dask_scheduler: dask_scheduler._tick_interval)
        assert ticks == 1.0
        assert client.direct_to_workers
    assert [dask.config.get(key) for key in keys] == before


def test_an_unreachable_scheduler_is_one_line(archive: Path, tmp_path: Path) -> None:
    env = {**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "1s"}
    result = subprocess.run(
        [sys.executable, "-m", "unroll", "convert", str(archive), "-o",
         str(tmp_path / "x.jsonl"), "--scheduler", "tcp://127.0.0.1:9"],
        capture_output=True, text=True, env=env, check=False, timeout=60)
    assert result.returncode == 1
    assert result.stderr.startswith("unroll: error: cannot reach the scheduler tcp://127.0.0.1:9")
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "x.jsonl").exists()


def test_without_the_extra_scheduler_says_what_to_install(archive: Path) -> None:
    """Dask made unimportable, as where the extra is not installed: one line, exit 2."""
    code = ("import sys; sys.modules['dask'] = sys.modules['distributed'] = None\n"
            "from unroll.cli import main; main()")
    result = subprocess.run(
        [sys.executable, "-c", code, "convert", str(archive), "-o", "x.jsonl", "--scheduler",
         "local:2"], capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 2
    assert result.stderr == "unroll: error: --scheduler needs Dask and fsspec: pip install" \
                            " 'unroll[dask]'\n"


def test_a_web_archive_on_the_cluster_gives_the_local_batch_bytes(client: distributed.Client,
                                                                   tmp_path: Path) -> None:
    """An archive named with --scheduler is expanded as on one machine, and each worker
    reads its own capture from it."""
    from test_archives_warc import crawl

    warc = tmp_path / "crawl.warc.gz"
    warc.write_bytes(b"".join(crawl()))
    local = local_batch([str(warc), "-o", str(tmp_path / "local.jsonl")], tmp_path)
    out = tmp_path / "cluster.jsonl"
    ran = CliRunner().invoke(cli, ["convert", str(warc), "-t", "jsonl", "-o", str(out),
                                   "--scheduler", client.scheduler.address])
    assert ran.exit_code == local.returncode, ran.output
    assert out.read_bytes() == (tmp_path / "local.jsonl").read_bytes()
    assert out.read_bytes().count(b"\n") >= 2


def _rows(path: Path) -> list[object]:
    """What a database holds of its threads, in order: each input's path and hash, and each
    post's text (the columns a run writes the same wherever its workers ran)."""
    import sqlite3

    with sqlite3.connect(path) as db:
        return [*db.execute("select path, sha256, site from threads order by path"),
                *db.execute("select t.path, p.position, p.text from posts p join threads t"
                            " on t.id = p.thread_id order by t.path, p.position")]


def test_the_database_from_the_cluster_is_the_local_batchs(client: distributed.Client,
                                                          archive: Path, tmp_path: Path) -> None:
    """-t db on the cluster: the workers hash each input as the database asks, the one writer
    here holds what the local batch's holds; a rerun skips every thread it holds."""
    local_batch([str(archive), "-o", str(tmp_path / "local.db")], tmp_path)
    args = ["convert", str(archive), "-o", str(tmp_path / "cluster.db"), "--scheduler",
            client.scheduler.address, "--partition-size", str(PARTITION * 10)]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 1, first.output
    assert "Traceback" not in first.output
    assert _rows(tmp_path / "cluster.db") == _rows(tmp_path / "local.db")
    again = CliRunner().invoke(cli, args)
    assert f"0 converted, {THREADS} skipped, {len(BROKEN)} failed" in again.stderr
