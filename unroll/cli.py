"""The `unroll` command: turns arguments into a call to the library and writes the result.

Nothing here parses threads. Errors become one line on stderr and exit code 1 (2 for usage);
stdout carries only the document.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import click

from .api import parse
from .errors import UnrollError
from .sites import PROFILES
from .writers import EXTENSIONS, FORMATS, render

EXAMPLES = """
\b
Examples:
  unroll convert thread.txt                     Markdown on stdout
  unroll convert thread.txt -o thread.html      format from the extension
  unroll convert saved-page.html -t json        a saved Thread Reader or twtext page
  unroll convert thread.txt -t json | jq '.posts[0]'
  cat thread.txt | unroll convert - -t md
"""


def _fail(name: str, message: str) -> None:
    click.echo(f"unroll: error: {name}: {message}", err=True)


@click.group(epilog=EXAMPLES, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="unroll", prog_name="unroll")
def cli() -> None:
    """Turn an unrolled social-media thread into a clean document.

    unroll reads a thread as copied from an unroll site (twtext.com, twunroll.com, Thread
    Reader App, threader.app), as a saved HTML page or Markdown clip, or pasted as plain text,
    splits it into numbered posts, removes the site's boilerplate, tells the
    author's [bracketed] asides apart from the text they relay, and writes Markdown, HTML
    or JSON. Nothing of the thread is dropped.
    """


@cli.command(epilog=EXAMPLES)
@click.argument("input_path", metavar="INPUT")
@click.option("-t", "--to", "to", type=click.Choice(list(FORMATS)), default=None,
              help="Output format. Default: from the -o extension, else md.")
@click.option("-o", "--output", default="-", metavar="PATH",
              help="Write here instead of stdout ('-' is stdout). Written atomically.")
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
@click.option("--site", type=click.Choice([p.name for p in PROFILES]), default=None,
              help="Force a site profile instead of recognising it (see `unroll sites`).")
@click.option("--limit", type=click.IntRange(min=1), default=None, metavar="N",
              help="Post length limit in X's weighted characters (default: the site's, 280).")
@click.option("-q", "--quiet", is_flag=True, help="Do not print warnings on stderr.")
def convert(input_path: str, to: str | None, output: str, force: bool, site: str | None,
            limit: int | None, quiet: bool) -> None:
    """Convert the thread in INPUT ('-' for stdin) to Markdown, HTML or JSON."""
    fmt = _format(to, output)
    name = "-" if input_path == "-" else input_path
    try:
        if input_path == "-":
            data: bytes | Path = sys.stdin.buffer.read()
        else:
            data = Path(input_path)
        thread = parse(data, name=name, site=site, limit=limit)
        document = render(thread, fmt)
    except UnrollError as err:
        _fail(name, str(err))
        sys.exit(1)
    if not quiet:
        for note in thread.warnings:
            click.echo(f"unroll: warning: {name}: {note.message}", err=True)
    if output == "-":
        _stdout(document)
        return
    try:
        write_atomic(Path(output), document, force=force)
    except UnrollError as err:
        _fail(output, str(err))
        sys.exit(1)


@cli.command()
def sites() -> None:
    """List the site profiles and what each recognises."""
    width = max(len(p.name) for p in PROFILES)
    for profile in PROFILES:
        click.echo(f"{profile.name:<{width}}  {profile.summary}")


def _format(to: str | None, output: str) -> str:
    """The output format: -t, else the -o extension, else Markdown; a conflict is an error."""
    implied = EXTENSIONS.get(Path(output).suffix.lower()) if output != "-" else None
    if to and implied and to != implied:
        raise click.UsageError(
            f"-t {to} conflicts with the extension of -o {output} ({implied}); drop one"
        )
    return to or implied or "md"


def _stdout(document: str) -> None:
    try:
        click.echo(document.encode("utf-8"), nl=False)  # bytes: UTF-8 whatever the locale
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, as cat does.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)


def write_atomic(path: Path, document: str, *, force: bool) -> None:
    """Write through a temporary file in the same folder and rename it into place.

    An interrupted run leaves no half-written file; an existing file is kept unless `force`.
    """
    if path.is_dir():
        raise UnrollError("is a folder")
    if (path.exists() or path.is_symlink()) and not force:
        raise UnrollError("exists (use --force to overwrite it)")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as err:
        raise UnrollError(f"cannot write ({err.strerror or err})") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(document.encode("utf-8"))
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def main() -> None:
    """Entry point: run the CLI; an unexpected failure is one line, not a traceback."""
    try:
        cli(standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("unroll: interrupted", err=True)
        sys.exit(130)
    except Exception as err:
        if os.environ.get("UNROLL_DEBUG"):
            raise
        click.echo(f"unroll: error: internal error ({type(err).__name__}: {err}); "
                   "please report it (UNROLL_DEBUG=1 shows the traceback)", err=True)
        sys.exit(1)
