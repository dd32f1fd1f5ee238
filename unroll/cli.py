"""The `unroll` command: turns arguments into a call to the library and writes the result.

Nothing here parses threads. Errors become one line on stderr and exit code 1 (2 for usage);
stdout carries only the document.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .errors import OutputError, UnrollError, shown

if TYPE_CHECKING:
    from .writers.options import Commentary, Options

    _Choice = click.Choice[str]
else:
    _Choice = click.Choice  # generic from click 8.2 on


class _Names(_Choice):
    """A click.Choice whose names are read when first needed (a value to check, --help), not
    when the commands are defined: the site profiles and the writers, and the model they
    import, then load only for a command that uses them, so that `unroll search` and
    `unroll --help` start with little more than click's own imports."""

    def __init__(self, names: Callable[[], Iterable[str]]) -> None:
        self._names = names
        self._loaded: tuple[str, ...] | None = None
        super().__init__((), case_sensitive=True)

    @property
    def choices(self) -> tuple[str, ...]:
        if self._loaded is None:
            self._loaded = tuple(self._names())
        return self._loaded

    @choices.setter
    def choices(self, _given: Sequence[str]) -> None:
        """click.Choice's __init__ sets the names: the loader stands for them."""


def _site_names() -> list[str]:
    from .sites import PROFILES

    return [p.name for p in PROFILES]


def _format_names() -> list[str]:
    from .writers import ALIASES, FORMATS

    return [*FORMATS, *ALIASES]


def _commentary_names() -> tuple[str, ...]:
    from .writers.options import COMMENTARY

    return COMMENTARY


def _canonical(to: str | None) -> str | None:
    from .writers import canonical

    return to and canonical(to)

EXAMPLES = """
\b
Examples:
  unroll convert thread.txt                     Markdown on stdout
  unroll convert thread.txt -o thread.html      format from the extension
  unroll convert saved-page.html -t json        a saved Thread Reader or twtext page
  unroll convert thread.txt -t json | jq '.posts[0]'
  cat thread.txt | unroll convert - -t md
"""

BATCH_EXAMPLES = """
\b
  unroll convert archive/ -o out/ -t html       a folder, recursively; tree mirrored
  unroll convert a.txt 'more/*.txt' -o out/     several inputs; quoted globs work
  unroll convert archive/ -t jsonl > all.jsonl  one JSON thread per line, in order
  unroll convert archive/ -o out/ --index       plus out/index.md listing every thread
  unroll convert archive/ -o out/ --warnings w.tsv  each warning on a line
"""

ARCHIVE_EXAMPLES = """
\b
Archives (each expands into its threads):
  unroll convert crawl.warc.gz -o out/          every unroll thread page captured in it
  unroll convert collection.wacz -o threads.jsonl  WACZ: the WARCs inside it
  unroll convert twitter-2024-01-01.zip -o out/ the X archive: every self-thread of its owner
  unroll convert mastodon-archive.zip -o out/   Mastodon's export: every self-thread
  unroll convert crawl.warc.gz --list           what it would convert, one line each
"""


def _encoding(_ctx: click.Context, _param: click.Parameter, name: str | None) -> str | None:
    """--encoding NAME: the codec's own name; a usage error for one Python does not know."""
    from .errors import UsageError
    from .read import encoding_name

    try:
        return encoding_name(name) if name is not None else None
    except UsageError as err:
        raise click.BadParameter(str(err)) from None


ENCODING_HELP = ("Decode the input with this encoding (cp1252, latin-1, cp1251, shift_jis, "
                 "...) instead of finding it out: for a file whose guessed encoding shows "
                 "the wrong letters.")


def _fail(name: str, message: str) -> None:
    click.echo(f"unroll: error: {shown(name)}: {message}", err=True)


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


@cli.command(epilog=EXAMPLES + BATCH_EXAMPLES + ARCHIVE_EXAMPLES)
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-t", "--to", "to", type=_Names(_format_names), default=None,
              callback=lambda _ctx, _param, to: _canonical(to),
              help="Output format. Default: from the -o extension, else md.")
@click.option("-o", "--output", default="-", metavar="PATH",
              help="Write here instead of stdout ('-'). A name ending in / (or a folder "
                   "that exists) is a folder, the output named as a batch names it; several "
                   "inputs need a folder, or a .jsonl file for one JSON Lines file. Files are "
                   "written atomically; an existing one is kept unless --force.")
@click.option("--force", is_flag=True, help="Overwrite outputs that exist.")
@click.option("--update", is_flag=True,
              help="Batch: convert only inputs newer than their output (resumes a run).")
@click.option("--site", type=_Names(_site_names), default=None,
              help="Force a site profile instead of recognising it (see `unroll sites`).")
@click.option("--limit", type=click.IntRange(min=1), default=None, metavar="N",
              help="Post length limit in X's weighted characters (default: the site's, 280).")
@click.option("--encoding", default=None, metavar="NAME", callback=_encoding,
              help=ENCODING_HELP + " One input only.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, metavar="N",
              help="Batch: worker processes (default: the number of CPUs).")
@click.option("--index", "make_index", is_flag=True,
              help="Batch: also write index.html (or index.md) listing every thread.")
@click.option("--warnings", "warnings_file", default=None, metavar="FILE",
              help="Batch: write every converted thread's warnings (numbering gaps, posts over "
                   "the limit, weak post bounds, ...) to FILE, one line per warning, "
                   "tab-separated: file, code, post (empty if none), message; a tab or line "
                   "break in a field is written \\t, \\n. FILE is replaced on each run.")
@click.option("--commentary", type=_Names(_commentary_names), default="inline",
              help="How the author's [asides] show: inline (italic, in brackets), quote (a "
                   "blockquote under the post), footnote (numbered footnotes), strip (left out "
                   "of the document, listed in the JSON's removed). Strip keeps an aside its "
                   "sentence needs: right after a preposition (in [brackets]); after an "
                   "article, a determiner, a form of 'be' or 'and'/'or' when only a verb, "
                   "punctuation or the line's end follows (the answer is [redacted].); or "
                   "opening a sentence that goes on with a verb ([Brackets] are mine).")
@click.option("--front-matter", is_flag=True,
              help="Markdown: YAML front matter for note apps (title, author, site, url, date, "
                   "posts, tags from hashtags, converted).")
@click.option("--no-numbers", is_flag=True, help="No post numbers: a plain article.")
@click.option("--fragment", is_flag=True,
              help="HTML: only the thread's markup, to embed in a page of your own.")
@click.option("--remote-images", is_flag=True,
              help="HTML: show post pictures inline, loaded from their hosts (the page then "
                   "asks those servers for them; by default each picture is a link with its "
                   "alt text, and the page loads nothing).")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing on stderr but errors.")
@click.option("-v", "--verbose", is_flag=True,
              help="Batch: list each file left out (with why), not only how many.")
@click.option("--list", "listing", is_flag=True,
              help="Convert nothing: list each input that would be converted (an archive's "
                   "threads too), one line each, with its output under -o.")
@click.option("--all-pages", is_flag=True,
              help="Web archives: also any captured page a site profile recognises by its "
                   "content, whatever its address.")
@click.option("--all-captures", is_flag=True,
              help="Web archives: every capture of a thread, each named by its date (default: "
                   "the newest).")
@click.option("--min-posts", type=click.IntRange(min=1), default=2, metavar="N",
              help="X and Mastodon archives: the fewest posts a self-thread has (default 2).")
@click.option("--scheduler", default=None, metavar="ADDRESS|local:N",
              help="Batch: run on a Dask cluster, at the scheduler's ADDRESS (tcp://host:8786) "
                   "or on a local cluster of N worker processes (local:N). Inputs and -o may "
                   "be fsspec URLs (s3://, gs://, file://); -t jsonl -o DIR/ writes a "
                   "part-NNNNN.jsonl per partition. Needs pip install 'unroll[dask]'.")
@click.option("--partition-size", type=click.IntRange(min=1), default=None, metavar="BYTES",
              help="With --scheduler: input bytes per partition (default: 4 MiB).")
@click.option("--where", default=None, metavar="SQL",
              help="A database input: only the threads this SQL condition on its threads "
                   "table selects (\"site = 'twtext' and date >= '2020'\").")
@click.option("--search", "search_query", default=None, metavar="QUERY",
              help="A database input: only the threads with a post that this FTS5 query "
                   "matches.")
def convert(inputs: tuple[str, ...], to: str | None, output: str, force: bool, update: bool,
            site: str | None, limit: int | None, jobs: int | None, make_index: bool,
            commentary: Commentary, front_matter: bool, no_numbers: bool, fragment: bool,
            remote_images: bool,
            quiet: bool, warnings_file: str | None, verbose: bool,
            encoding: str | None, listing: bool, all_pages: bool, all_captures: bool,
            min_posts: int, scheduler: str | None, partition_size: int | None,
            where: str | None, search_query: str | None) -> None:
    """Convert threads in INPUT (files, folders, quoted globs; '-' for stdin) to Markdown,
    HTML, JSON or JSON Lines, or into an SQLite database (-o threads.db) to search; a
    database as INPUT writes its threads out again."""
    from .writers.options import Options

    options = Options(front_matter=front_matter, commentary=commentary,
                      numbers=not no_numbers, fragment=fragment, remote_images=remote_images)
    if _reads_database(inputs, where, search_query):
        sys.exit(_export(inputs[0], to, output, force, quiet, options, where, search_query))
    from .archives import Reading

    reading = Reading(all_pages, all_captures, min_posts)
    if scheduler is not None or partition_size is not None:
        sys.exit(_on_cluster(scheduler, list(inputs), to, output, jobs, partition_size,
                             encoding, force=force, update=update, site=site, limit=limit,
                             index=make_index, quiet=quiet, options=options,
                             warnings=warnings_file, verbose=verbose, listing=listing,
                             reading=reading))
    batch, fmt, folder = _plan_run(inputs, to, output, listing, options, make_index)
    batch_only = update or make_index or verbose or warnings_file is not None
    _check_flags(batch, encoding, quiet, verbose, batch_only)
    if not batch:
        _convert_one(inputs[0], fmt, _one_target(inputs[0], fmt, output, folder), force, site,
                     limit, quiet, options, folder=output if folder else None,
                     encoding=encoding)
        return
    _check_batch(inputs, fmt, output, make_index)
    from .batch import report

    code = report.run_batch(list(inputs), fmt, output, force=force, update=update, site=site,
                            limit=limit, jobs=jobs or os.cpu_count() or 1, index=make_index,
                            quiet=quiet, options=options, warnings=warnings_file,
                            verbose=verbose, listing=listing, reading=reading)
    sys.exit(code)


def _plan_run(inputs: tuple[str, ...], to: str | None, output: str, listing: bool,
              options: Options, make_index: bool) -> tuple[bool, str, bool]:
    """Whether the run is a batch, its format, and whether -o names a folder; refuses what
    the format cannot do."""
    batch = listing or len(inputs) > 1 or any(_is_batch_input(i) for i in inputs)
    if listing and output == "-":  # --list alone names no outputs
        fmt, folder = _destination(to or "jsonl", output, batch)
    else:
        fmt, folder = _destination(to, output, batch)
    _check_shaping(options, fmt)
    if _database(fmt):
        _check_database_output(inputs, output, folder, make_index)
        batch = True  # one input or many, the database gathers them
    return batch, fmt, folder


def _check_batch(inputs: tuple[str, ...], fmt: str, output: str, make_index: bool) -> None:
    """Refuse what a batch cannot do: an index without a folder of documents, stdin among
    other inputs."""
    if make_index and (_gathered(fmt) or output == "-"):
        raise click.UsageError("--index needs -o DIR and a document format (md, html, json)")
    if "-" in inputs:
        raise click.UsageError("'-' (stdin) cannot be mixed with other inputs")


def _check_shaping(options: Options, fmt: str) -> None:
    """Refuse an option that would do nothing in the format written, naming where it works."""
    from .writers.options import FOR_FORMATS, unused

    for name in unused(options, fmt):
        flag = "--" + name.replace("_", "-")
        raise click.UsageError(f"{flag} is for {', '.join(FOR_FORMATS[name])} output, not {fmt}")


def _check_flags(batch: bool, encoding: str | None, quiet: bool, verbose: bool,
                 batch_only: bool) -> None:
    """Refuse the options that do not go together, or not with one input (`batch_only`:
    --update, --index, --warnings or -v was given)."""
    if batch and encoding is not None:
        raise click.UsageError("--encoding is for one input: a folder's files may each be in "
                               "an encoding of their own")
    if quiet and verbose:
        raise click.UsageError("-q and -v ask for opposite things: give one of them")
    if not batch and batch_only:
        raise click.UsageError("--update, --index, --warnings and -v are for folders or "
                               "several inputs (one input's warnings go to stderr)")


def _one_target(given: str, fmt: str, output: str, folder: bool) -> str:
    """Where one input's document goes: -o itself, or, for -o FOLDER, the name a batch would
    give it there."""
    if not folder:
        return output
    if given == "-":
        raise click.UsageError("stdin has no name to give its output in a folder: give -o FILE")
    from .writers import format_of

    return os.path.join(output, Path(given).with_suffix(format_of(fmt).extensions[0]).name)


# --- a batch on a Dask cluster (unroll.dask) ------------------------------------------------

DASK_MISSING = "--scheduler needs Dask and fsspec: pip install 'unroll[dask]'"


def _on_cluster(scheduler: str | None, inputs: list[str], to: str | None, output: str,
                jobs: int | None, partition_size: int | None, encoding: str | None,
                **batch: object) -> int:
    """The batch of `inputs` on the Dask cluster at `scheduler`; the exit code. Any input is a
    batch there (one file too), and `-t jsonl -o DIR/` writes a JSON Lines file per
    partition."""
    if scheduler is None:
        raise click.UsageError("--partition-size is for --scheduler")
    if jobs is not None or encoding is not None:
        raise click.UsageError("--jobs and --encoding are not for --scheduler: the cluster has"
                               " its own workers, and a folder's files their own encodings")
    if "-" in inputs:
        raise click.UsageError("--scheduler reads files: '-' (stdin) is not one")
    from .writers import EXTENSIONS

    remote = "://" in output
    names_file = Path(output).suffix.lower() in EXTENSIONS
    parts = _gathered(to) and output != "-" and (output.endswith("/") or Path(output).is_dir()
                                                 or (remote and not names_file))
    fmt = to if to is not None and parts else _destination(to, output, True)[0]
    if _gathered(fmt) and remote and not parts:
        raise click.UsageError("one JSON Lines file is gathered here: give a local -o "
                               "FILE.jsonl or stdout, or -o URL/ for a file per partition")
    try:
        from .dask.command import run_on_cluster
    except ImportError as err:
        if (err.name or "").split(".")[0] not in ("dask", "distributed", "fsspec"):
            raise
        click.echo(f"unroll: error: {DASK_MISSING}", err=True)
        return 2
    return run_on_cluster(scheduler, inputs, fmt, output, parts=parts,
                          partition_bytes=partition_size, **batch)


def _is_batch_input(given: str) -> bool:
    import glob

    from .archives import kind_of

    path = Path(given)
    return (path.is_dir() or (not path.exists() and glob.has_magic(given))
            or kind_of(given) is not None)


def _convert_one(input_path: str, fmt: str, output: str, force: bool, site: str | None,
                 limit: int | None, quiet: bool, options: Options, *,
                 folder: str | None = None, encoding: str | None = None) -> None:
    """Convert one input to `output` ('-': stdout), making `folder` (its folder) if asked."""
    from .api import parse  # the pipeline loads when there is a thread to convert
    from .read import read_stream
    from .writers import stream

    name = "-" if input_path == "-" else input_path
    try:
        data: bytes | Path = read_stream(sys.stdin.buffer) if input_path == "-" \
            else Path(input_path)
        thread = parse(data, name=name, site=site, limit=limit, encoding=encoding,
                       strip=options.commentary == "strip")
        del data
        document = stream(thread, fmt, options)
    except UnrollError as err:
        _fail(name, str(err))
        sys.exit(1)
    if not quiet:
        for note in thread.warnings:
            if note.severity == "warning":
                click.echo(f"unroll: warning: {shown(name)}: {note.message}", err=True)
    if output == "-":
        _stdout(document)
        return
    from .batch.output import write_atomic  # (the batch package loads the whole pipeline)

    try:
        if folder is not None:
            try:
                Path(folder).mkdir(parents=True, exist_ok=True)
            except OSError as err:
                raise OutputError(folder, err) from None
        write_atomic(Path(output), document, force=force)
    except OutputError as err:  # the message names the path
        click.echo(f"unroll: error: {err}", err=True)
        sys.exit(1)
    except UnrollError as err:
        _fail(output, str(err))
        sys.exit(1)


@cli.command(epilog="""
\b
Examples:
  unroll show thread.txt                 in the terminal, paged when long
  unroll show saved-page.html --no-pager
  NO_COLOR=1 unroll show thread.txt      without colour
""")
@click.argument("input_path", metavar="INPUT")
@click.option("--no-pager", is_flag=True, help="Print straight out, even when long.")
@click.option("--site", type=_Names(_site_names), default=None,
              help="Force a site profile instead of recognising it.")
@click.option("--limit", type=click.IntRange(min=1), default=None, metavar="N",
              help="Post length limit in X's weighted characters.")
@click.option("--encoding", default=None, metavar="NAME", callback=_encoding,
              help=ENCODING_HELP)
def show(input_path: str, no_pager: bool, site: str | None, limit: int | None,
         encoding: str | None) -> None:
    """Show the thread in INPUT ('-' for stdin) in the terminal: numbered posts, asides and
    speakers set apart, warnings at the end; plain text when not a terminal."""
    from .api import parse
    from .read import read_stream
    from .writers.show import show as show_thread

    try:
        data: bytes | Path = read_stream(sys.stdin.buffer) if input_path == "-" \
            else Path(input_path)
        thread = parse(data, name=input_path, site=site, limit=limit, encoding=encoding)
    except UnrollError as err:
        _fail(input_path, str(err))
        sys.exit(1)
    show_thread(thread, pager=not no_pager)


@cli.command(epilog="""
\b
Examples:
  unroll sites                           every profile, one line each
  unroll convert page.html --site threadreaderapp
""")
def sites() -> None:
    """List the site profiles and what each recognises."""
    from .sites import PROFILES

    width = max(len(p.name) for p in PROFILES)
    for profile in PROFILES:
        click.echo(f"{profile.name:<{width}}  {profile.summary}")


# --- the database (issue 17): -o threads.db, a database as input, `unroll search` --------

def _reads_database(inputs: tuple[str, ...], where: str | None, query: str | None) -> bool:
    """Whether the input is a database to write out again (a usage error for a database
    among other inputs, or --where and --search without one)."""
    from .database import SUFFIXES

    databases = [i for i in inputs if i.lower().endswith(SUFFIXES) and Path(i).is_file()]
    if databases and len(inputs) > 1:
        raise click.UsageError("a database is read back on its own: give it as the only input")
    if not databases and (where is not None or query is not None):
        raise click.UsageError("--where and --search select threads of a database input")
    return bool(databases)


def _export(database: str, to: str | None, output: str, force: bool, quiet: bool,
            options: Options, where: str | None, query: str | None) -> int:
    from .database.export import run_export

    fmt, folder = _destination(to, output, True)  # a database holds many threads
    if _database(fmt):
        raise click.UsageError("the input is a database already: give -t md, html, json or "
                               "jsonl to write its threads out")
    return run_export(database, fmt, output, folder=folder, force=force, where=where,
                      query=query, options=options, quiet=quiet)


def _check_database_output(inputs: tuple[str, ...], output: str, folder: bool,
                           make_index: bool) -> None:
    if output == "-" or folder:
        raise click.UsageError("a database is a file: give -o FILE.db")
    if "-" in inputs:
        raise click.UsageError("stdin cannot go into a database: it has no path to keep a "
                               "thread by; save it to a file first")
    if make_index:
        raise click.UsageError("--index is for a folder of documents; a database is its own "
                               "index (unroll search, datasette)")


@cli.command(epilog="""
\b
Examples:
  unroll search threads.db 'funding NEAR review'
  unroll search threads.db '"public meetings"' --author @WendWatch
  unroll search threads.db 'SEND' --kind commentary --json
  unroll search threads.db 'park*' --speaker Host --since 2024
""")
@click.argument("database", metavar="DB")
@click.argument("query")
@click.option("--kind", type=click.Choice(["source", "commentary"]), default=None,
              help="Only the author's asides (commentary), or only what they relay (source).")
@click.option("--speaker", default=None, metavar="NAME",
              help="Only the turns of this speaker (any case).")
@click.option("--author", default=None, metavar="HANDLE",
              help="Only threads by this author (@ optional, any case).")
@click.option("--site", type=_Names(_site_names), default=None,
              help="Only threads from this unroll site.")
@click.option("--since", default=None, metavar="DATE",
              help="Only threads posted on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True,
              help="At most this many matches.")
@click.option("--json", "as_json", is_flag=True, help="The matches as one JSON array.")
@click.option("--jsonl", is_flag=True, help="The matches as JSON Lines, one a line.")
def search(database: str, query: str, kind: str | None, speaker: str | None,
           author: str | None, site: str | None, since: str | None, limit: int,
           as_json: bool, jsonl: bool) -> None:
    """Search the threads of DB (made by `unroll convert ... -o DB`) with QUERY, in SQLite's
    FTS5 syntax: words, "a phrase", prefix*, NEAR(a b, 10), AND, OR, NOT, text: word. The
    best matches come first (bm25), each with its thread, author, post and the words
    around the match."""
    from .database.hits import print_hits
    from .database.schema import open_read_only
    from .database.search import Filters
    from .database.search import search as find

    if as_json and jsonl:
        raise click.UsageError("--json and --jsonl ask for two forms: give one of them")
    try:
        conn = open_read_only(Path(database))
        hits = find(conn, query, Filters(kind, speaker, author, site, since), limit=limit)
    except UnrollError as err:
        click.echo(f"unroll: error: {err}", err=True)
        sys.exit(1)
    print_hits(hits, "json" if as_json else "jsonl" if jsonl else "text")
    if not hits and not (as_json or jsonl):
        click.echo("unroll: no post matches", err=True)


def _gathered(to: str | None) -> bool:
    """Whether format `to` puts every thread of a run into one output (JSON Lines)."""
    from .writers import format_of

    return to is not None and format_of(to).gathered


def _database(to: str | None) -> bool:
    """Whether format `to` is the SQLite database (a file a run adds to)."""
    from .writers import format_of

    return to is not None and format_of(to).database


def _destination(to: str | None, output: str, batch: bool) -> tuple[str, bool]:
    """The output format, and whether -o names a folder (it ends with a slash, or is one).

    A folder implies no format: -t, else Markdown. A file name means that one file: the format
    is -t, else its extension's (one unroll does not write needs -t), else Markdown; for
    several inputs it can only be one JSON Lines file. A name without an extension is, for
    several inputs, a folder (`-o out`), unless the format is jsonl.
    """
    if output == "-":
        if batch and not _gathered(to):
            raise click.UsageError("several inputs, a folder or an archive need -o DIR, or -t "
                                   "jsonl for stdout, or -o FILE.jsonl")
        return to or "md", False
    if not output:
        raise click.UsageError("-o needs a path ('-' for stdout)")
    path = Path(output)
    if output.endswith(("/", os.sep)) or path.is_dir():
        return _folder_destination(to, output, batch), True
    return _file_destination(to, output, batch)


def _folder_destination(to: str | None, output: str, batch: bool) -> str:
    """The format of a run into the folder -o names: -t, else Markdown."""
    path = Path(output)
    if path.exists() and not path.is_dir():
        raise click.UsageError(f"-o {shown(output)} exists and is not a folder")
    if _database(to):
        raise click.UsageError("a database is a file: give -o FILE.db")
    if batch and _gathered(to):
        raise click.UsageError("-t jsonl writes all the threads into one file: give "
                               "-o FILE.jsonl, or no -o for stdout (-t json writes a file "
                               "per thread)")
    return to or "md"


def _file_destination(to: str | None, output: str, batch: bool) -> tuple[str, bool]:
    """The format of a run into the file -o names (and True where, for several inputs, a
    name without an extension is a folder after all)."""
    from .writers import EXTENSIONS

    path = Path(output)
    suffix = path.suffix.lower()
    implied = EXTENSIONS.get(suffix)
    if to and implied and to != implied:
        raise click.UsageError(
            f"-t {to} conflicts with the extension of -o {shown(output)} ({implied}); drop one"
        )
    fmt = to or implied
    if batch and not _gathered(fmt):
        if not suffix:
            return fmt or "md", True
        stem = shown(str(path.with_suffix("")))
        raise click.UsageError(
            f"-o {shown(output)} names one file, but several inputs make a file each: give a "
            f"folder (-o {stem}/), or -o {stem}.jsonl for one JSON Lines file of them all"
        )
    if suffix and fmt is None:
        raise click.UsageError(
            f"-o {shown(output)}: unroll does not write {suffix} files; it writes "
            f"{', '.join(EXTENSIONS)} (or give -t FORMAT to use this name anyway)"
        )
    return fmt or "md", False


def _stdout(document: Iterator[str]) -> None:
    from .batch.output import write_pieces

    try:
        # Bytes: UTF-8 whatever the locale.
        write_pieces(lambda chunk: click.echo(chunk, nl=False), document)
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, as cat does.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
    except OSError as err:  # a full disk under `> file`: stdout then goes to /dev/null, so
        # that the flush at exit does not fail again
        click.echo(f"unroll: error: {OutputError('stdout', err)}", err=True)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)


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
