"""Past one machine: the batch on a Dask cluster (`pip install 'unroll[dask]'`).

    import unroll.dask
    bag = unroll.dask.threads(["s3://bucket/captures/"], to="json")
    for result in bag.compute():             # batch.Result: name, status, message, document
        ...

The inputs are local paths or any fsspec URL (`s3://`, `gs://`, `file://`, `memory://`);
they are collected and planned as the local batch does (unroll.batch), cut into partitions
of about `partition_bytes` of input each, and each partition is converted on a worker by
batch.run_one, the function the local batch runs: a document is the same bytes either way.

The bag holds one batch.Result per input, in input order: its name (the input as shown in
messages), its status, and either the document (bytes, when no output is asked) or why it
failed. Such results are what a single gathering writer in the client consumes: the JSON
Lines file of `unroll convert --scheduler` (report.run_batch), and a database writer the same
way (the seam: ClusterEngine.results, whose documents come back in input order).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import dask.bag
from dask.delayed import delayed

from ..batch import Result
from ..writers import canonical, format_of
from ..writers.options import Options
from .cluster import PARTITION_BYTES, ClusterEngine, connect
from .inputs import local_path

__all__ = ["PARTITION_BYTES", "ClusterEngine", "Result", "connect", "threads"]


def threads(paths_or_globs: Sequence[str] | str, *, to: str = "json",
            options: Options | None = None, site: str | None = None, limit: int | None = None,
            output: str | None = None, force: bool = False, update: bool = False,
            partition_bytes: int = PARTITION_BYTES) -> dask.bag.Bag:
    """A dask.bag of one batch.Result per input thread, a bag partition per input partition.

    `output` None: each document is in its result (bytes of format `to`). A folder (path or
    URL): each input's document is written there, mirroring the input tree, and the results
    say what was written; with `to="jsonl"`, one `part-NNNNN.jsonl` per partition instead, in
    input order within it. Existing outputs are kept unless `force`; `update` converts only
    what is missing (and, for local outputs, what is older than its input). Nothing runs
    until the bag is computed (on the current Dask client, or dask's default scheduler)."""
    to = canonical(to)
    given = [paths_or_globs] if isinstance(paths_or_globs, str) else list(paths_or_globs)
    parts = output is not None and format_of(to).gathered
    engine = ClusterEngine(None, output, parts=parts, partition_bytes=partition_bytes)
    collected = engine.collect(given, own=[output] if output else [])
    local_out = local_path(output) if output is not None else None
    engine.plan(collected.found, Path(local_out) if local_out and not parts else None, to,
                site=site, limit=limit, force=force, update=update, options=options,
                walked=collected.walked)
    pieces = [delayed(function, pure=True)(*args)
              for function, args in engine.calls(force=force, update=update)]
    if collected.failed:  # patterns that matched nothing
        pieces.insert(0, delayed(list(collected.failed)))
    bag: dask.bag.Bag = dask.bag.from_delayed(pieces)
    return bag
