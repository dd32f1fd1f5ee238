"""`unroll convert ... --scheduler ADDRESS|local:N`: the batch of report.run_batch, its work on
a Dask cluster (ClusterEngine). The CLI checks the arguments; this connects and runs."""

from __future__ import annotations

from typing import Any

import click

from ..batch import report
from ..errors import UsageError
from .cluster import PARTITION_BYTES, ClusterEngine, ClusterUnreachable, connect
from .inputs import local_path


def run_on_cluster(scheduler: str, inputs: list[str], to: str, output: str, *, parts: bool,
                   partition_bytes: int | None, **batch: Any) -> int:
    """Run the batch on the cluster at `scheduler`; the exit code, as report.run_batch's.

    `parts`: JSON Lines as one file per partition under folder `output`. `batch`: the rest
    of run_batch's keywords. A `file://` output is the local path it names, so that the index
    and every check of a local output apply to it."""
    output = local_path(output) or output
    if batch.get("index") and local_path(output) is None:
        raise click.UsageError("--index writes a local file: give a local -o folder")
    try:
        with connect(scheduler) as client:
            engine = ClusterEngine(client, output, parts=parts,
                                   partition_bytes=partition_bytes or PARTITION_BYTES)
            return report.run_batch([local_path(i) or i for i in inputs], to, output,
                                    engine=engine, jobs=0, **batch)
    except UsageError as err:
        raise click.UsageError(str(err)) from None
    except ClusterUnreachable as err:
        click.echo(f"unroll: error: {err}", err=True)
        return 1
