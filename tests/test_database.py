"""The SQLite archive (issue 17), on real database files in tmp_path: its schema, what search
finds, re-runs, a changed input, a run killed with SIGKILL, and reading the threads back.

What a search should find is worked out from the JSON contract of the same inputs, never
written down by hand: the tests hold the database to what `-t json` says of each thread.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from support import ROOT, SAMPLES

import unroll
from unroll.cli import cli
from unroll.contract import thread_from_dict
from unroll.database.rows import Ids, Input, Rows, UnknownField, add_thread
from unroll.database.schema import DEFERRED, FTS, INDEXES, SCHEMA_VERSION, open_read_only
from unroll.database.search import Filters, search
from unroll.database.store import EVERY
from unroll.writers import render
from unroll.writers.json import VERSION, to_dict

SITE_FIXTURES = sorted(p for p in (ROOT / "tests" / "fixtures" / "sites").iterdir()
                       if p.suffix in (".txt", ".html", ".md"))
"""Saved pages (images, links, quoted posts, dates), a Markdown clip, text of every site."""

TABLES = ("threads", "posts", "segments", "removed", "warnings")


def invoke(*args: str, cwd: Path) -> tuple[int, str, str]:
    """The CLI in this process, from folder `cwd` (inputs are named relative to it)."""
    old = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


def archive(folder: Path) -> Path:
    """The samples and the site fixtures, copied into `folder`/archive."""
    target = folder / "archive"
    (target / "sites").mkdir(parents=True)
    for path in SAMPLES:
        shutil.copy(path, target / path.name)
    for path in SITE_FIXTURES:
        shutil.copy(path, target / "sites" / path.name)
    return target


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database of the archive, made once for the tests that only read it."""
    folder = tmp_path_factory.mktemp("built")
    archive(folder)
    code, _, err = invoke("convert", "archive", "-o", "threads.db", "-j", "1", cwd=folder)
    assert code == 0, err
    return folder


def counts(db: Path) -> dict[str, int]:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return {t: conn.execute(f"select count(*) from {t}").fetchone()[0]
                for t in (*TABLES, "posts_fts", "segments_fts")}


def contracts(folder: Path) -> dict[str, dict[str, Any]]:
    """Every input of folder/archive as the JSON contract, by its path."""
    return {str(path.relative_to(folder)): json.loads(
                unroll.convert(path, to="json", name=str(path.relative_to(folder))))
            for path in sorted((folder / "archive").rglob("*")) if path.is_file()}


def hits(db: Path, query: str, **filters: Any) -> list[Any]:
    with contextlib.closing(open_read_only(db)) as conn:
        return search(conn, query, Filters(**filters), limit=1000)


def posts_with(data: dict[str, dict[str, Any]], pattern: str, *, kind: str | None = None,
               speaker: str | None = None) -> set[tuple[str, int]]:
    """(input, post n) of every post with a segment (of `kind`, of `speaker`) whose text
    matches `pattern` (a regular expression, case-insensitive): what a search must find."""
    found = set()
    for path, thread in data.items():
        for post in thread["posts"]:
            for segment in post["segments"]:
                if kind is not None and segment["kind"] != kind:
                    continue
                if speaker is not None and (segment["speaker"] or "").lower() != speaker:
                    continue
                if re.search(pattern, segment["text"] if kind or speaker else post["text"],
                             re.IGNORECASE):
                    found.add((path, post["n"]))
    return found


def assert_indexed(conn: sqlite3.Connection) -> None:
    """The full-text indexes hold exactly their tables' rows: FTS5's integrity-check compares
    an external-content index with its table, and fails on a row missing or left over."""
    for table in FTS:
        conn.execute(f"insert into {table}_fts({table}_fts, rank) values('integrity-check', 1)")


def indexes(conn: sqlite3.Connection) -> set[tuple[str, tuple[str, ...]]]:
    """(table, columns) of every index unroll made (not SQLite's own, of a primary key)."""
    return {(table, tuple(c[2] for c in conn.execute("select * from pragma_index_info(?)",
                                                      (name,))))
            for table in TABLES
            for _, name, *_ in conn.execute("select * from pragma_index_list(?)", (table,))
            if not name.startswith("sqlite_autoindex")}


# --- the schema -----------------------------------------------------------------------------

def test_schema_version_tables_keys_and_indexes(built: Path) -> None:
    with contextlib.closing(sqlite3.connect(built / "threads.db")) as conn:
        meta = dict(conn.execute("select key, value from meta"))
        assert meta["schema_version"] == str(SCHEMA_VERSION)
        assert meta["json_contract"] == str(VERSION)
        names = {row[0] for row in conn.execute("select name from sqlite_master")}
        assert set(TABLES) | {f"{t}_fts" for t in FTS} <= names
        parents = {(row[2], row[3]) for row in conn.execute(
            "select * from pragma_foreign_key_list('segments')")}
        assert parents == {("posts", "post_id"), ("threads", "thread_id")}
        assert conn.execute("pragma foreign_key_check").fetchall() == []
        for table, columns, unique in INDEXES:
            assert (columns, unique) in [
                ([c[2] for c in conn.execute("select * from pragma_index_info(?)", (i[1],))],
                 bool(i[2]))
                for i in conn.execute("select * from pragma_index_list(?)", (table,))], table
        plan = " ".join(str(r) for r in conn.execute(
            "explain query plan select * from segments where thread_id = 1"))
        assert "USING INDEX" in plan, plan
        assert_indexed(conn)


def test_rows_follow_the_json_contract(built: Path) -> None:
    data = contracts(built)
    with contextlib.closing(sqlite3.connect(built / "threads.db")) as conn:
        stored = dict(conn.execute("select path, post_count from threads"))
        assert stored == {path: len(thread["posts"]) for path, thread in data.items()}
        total = sum(len(p["segments"]) for t in data.values() for p in t["posts"])
        assert conn.execute("select count(*) from segments").fetchone()[0] == total
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"


def test_a_field_the_tables_lack_is_refused_not_dropped(tmp_path: Path) -> None:
    """A thread with a field the tables lack is refused whole: the thread stored for that
    input before stays as it was."""
    from unroll.database.store import ThreadStore

    data = to_dict(unroll.parse("One post 1/\nTwo 2/", name="x.txt"))
    rows = Rows()
    with ThreadStore(tmp_path / "t.db") as store:
        store.add(data, Input("x.txt", "x.txt", "0" * 64))
    before = counts(tmp_path / "t.db")
    data["posts"][1]["likes"] = 4
    with pytest.raises(UnknownField, match="likes"):
        add_thread(rows, Ids(), data, 1, Input("x.txt", "x.txt", "1" * 64), ("", ""))
    assert rows == Rows()
    with ThreadStore(tmp_path / "t.db") as store, pytest.raises(UnknownField):
        store.add(data, Input("x.txt", "x.txt", "1" * 64))
    assert counts(tmp_path / "t.db") == before


# --- search ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("query", "pattern"), [
    ('"public meetings"', r"\bpublic meetings\b"),           # a phrase
    ("lighth*", r"\blighth\w*"),                             # a prefix
    ("NEAR(parish councillors, 4)", r"\bparish\b(\W+\w+){0,5}?\W+councillors\b"
                                    r"|\bcouncillors\b(\W+\w+){0,5}?\W+parish\b"),
    ("text: starter", r"\bstarter\b"),                       # a column filter
])
def test_search_finds_every_post_the_query_describes(built: Path, query: str,
                                                     pattern: str) -> None:
    data = contracts(built)
    found = {(h.path, h.post) for h in hits(built / "threads.db", query)}
    assert found == posts_with(data, pattern)
    assert found  # the query has something to find in the samples


def test_hits_are_ranked_and_highlighted(built: Path) -> None:
    found = hits(built / "threads.db", "parish")
    assert [h.rank for h in found] == sorted(h.rank for h in found)
    assert all("\x02" in h.snippet and "\x03" in h.snippet for h in found)


def test_commentary_only_search(built: Path) -> None:
    data = contracts(built)
    commentary = posts_with(data, r"\bthe\b", kind="commentary")
    everywhere = posts_with(data, r"\bthe\b")
    found = hits(built / "threads.db", "the", kind="commentary")
    assert {(h.path, h.post) for h in found} == commentary
    assert all(h.kind == "commentary" for h in found)
    assert commentary < everywhere  # the filter leaves out what the source says


def test_speaker_only_search(built: Path) -> None:
    data = contracts(built)
    found = hits(built / "threads.db", "the", speaker="committee")
    assert {(h.path, h.post) for h in found} == posts_with(data, r"\bthe\b",
                                                            speaker="committee")
    assert found and all(h.speaker == "Committee" for h in found)


def test_author_site_and_since_filters(built: Path) -> None:
    data = contracts(built)
    everything = hits(built / "threads.db", "the")
    for hit in hits(built / "threads.db", "the", author="wendwatch"):
        assert data[hit.path]["author"]["handle"] == "@WendWatch"
    by_site = hits(built / "threads.db", "the", site="threadreaderapp")
    assert by_site and {data[h.path]["source"]["site"] for h in by_site} == {"threadreaderapp"}
    dated = [h for h in everything if h.date]
    assert dated, "the fixtures have dated threads"
    since = min(h.date for h in dated if h.date)[:4]
    assert {h.path for h in hits(built / "threads.db", "the", since=since)} == \
        {h.path for h in dated}


def test_search_cli_forms(built: Path) -> None:
    code, out, _ = invoke("search", "threads.db", "parish", "--json", cwd=built)
    assert code == 0
    parsed = json.loads(out)
    assert parsed and all("**parish**" in h["snippet"].lower() for h in parsed)
    code, out, _ = invoke("search", "threads.db", "parish", "--jsonl", cwd=built)
    assert [json.loads(line) for line in out.splitlines()] == parsed
    code, out, _ = invoke("search", "threads.db", "parish", cwd=built)
    assert code == 0 and out.startswith("1. ") and parsed[0]["title"] in out


@pytest.mark.parametrize("query", ['"unbalanced', "nosuch: word", "AND", "NEAR(a"])
def test_a_bad_query_is_one_line_and_exit_1(built: Path, query: str) -> None:
    code, out, err = invoke("search", "threads.db", query, cwd=built)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("unroll: error: bad search query")


def test_search_of_a_file_that_is_no_database(tmp_path: Path) -> None:
    (tmp_path / "x.db").write_bytes(b"not a database at all, but long enough" * 50)
    code, _, err = invoke("search", "x.db", "word", cwd=tmp_path)
    assert code == 1 and err.count("\n") == 1 and "x.db" in err


# --- re-runs --------------------------------------------------------------------------------

def test_a_rerun_changes_nothing_and_force_converts_again(tmp_path: Path) -> None:
    archive(tmp_path)
    invoke("convert", "archive", "-o", "t.db", "-j", "1", cwd=tmp_path)
    before = counts(tmp_path / "t.db")
    code, _, err = invoke("convert", "archive", "-o", "t.db", "-j", "1", cwd=tmp_path)
    assert code == 0 and f"0 converted, {before['threads']} skipped" in err
    assert counts(tmp_path / "t.db") == before
    code, _, err = invoke("convert", "archive", "-o", "t.db", "--force", "-j", "1",
                          cwd=tmp_path)
    assert code == 0 and f"{before['threads']} converted, 0 skipped" in err
    assert counts(tmp_path / "t.db") == before


def test_a_changed_input_replaces_its_thread(tmp_path: Path) -> None:
    folder = archive(tmp_path)
    invoke("convert", "archive", "-o", "t.db", "-j", "1", cwd=tmp_path)
    before = counts(tmp_path / "t.db")
    changed = folder / "sourdough-starter.txt"
    changed.write_text("Zymurgical notes, first post. 1/\nAnd the second. 2/\n",
                       encoding="utf-8")
    code, _, err = invoke("convert", "archive", "--update", "-o", "t.db", "-j", "1",
                          cwd=tmp_path)
    assert code == 0 and "1 converted" in err
    after = counts(tmp_path / "t.db")
    assert after["threads"] == before["threads"]
    assert not hits(tmp_path / "t.db", "starter")  # the old text left the index too
    assert [(h.path, h.post) for h in hits(tmp_path / "t.db", "zymurgical")] == \
        [("archive/sourdough-starter.txt", 1)]
    with contextlib.closing(sqlite3.connect(tmp_path / "t.db")) as conn:
        assert conn.execute("select count(*) from posts where thread_id = (select id from"
                            " threads where path like '%sourdough%')").fetchone()[0] == 2
        assert_indexed(conn)
        conn.execute("delete from posts where id = (select max(id) from posts)")
        with pytest.raises(sqlite3.DatabaseError):  # the check can fail
            assert_indexed(conn)


def test_a_database_takes_one_input_and_refuses_stdin(tmp_path: Path) -> None:
    shutil.copy(SAMPLES[0], tmp_path / "one.txt")
    code, _, err = invoke("convert", "one.txt", "-o", "one.db", cwd=tmp_path)
    assert code == 0 and counts(tmp_path / "one.db")["threads"] == 1, err
    code, _, err = invoke("convert", "-", "-o", "x.db", cwd=tmp_path)
    assert code == 2 and "stdin" in err


def test_someone_elses_database_is_never_written_into(tmp_path: Path) -> None:
    with contextlib.closing(sqlite3.connect(tmp_path / "theirs.db")) as conn:
        conn.execute("create table notes (body text)")
        conn.commit()
    before = (tmp_path / "theirs.db").read_bytes()
    shutil.copy(SAMPLES[0], tmp_path / "one.txt")
    code, _, err = invoke("convert", "one.txt", "-o", "theirs.db", cwd=tmp_path)
    assert code == 1 and err.count("\n") == 1 and "not one unroll made" in err
    assert (tmp_path / "theirs.db").read_bytes() == before
    (tmp_path / "text.db").write_text("plain text, not SQLite\n" * 100, encoding="utf-8")
    code, _, err = invoke("convert", "one.txt", "-o", "text.db", cwd=tmp_path)
    assert code == 1 and err.count("\n") == 1 and "text.db" in err
    code, _, err = invoke("convert", "one.txt", "-o", "new/deeper/t.db", cwd=tmp_path)
    assert code == 0 and counts(tmp_path / "new" / "deeper" / "t.db")["threads"] == 1


# --- a run killed mid-way -------------------------------------------------------------------

UNROLL = shutil.which("unroll", path=str(Path(sys.executable).parent))


HEAVY = SAMPLES[0].read_text(encoding="utf-8") * 12
"""A thread that takes a good fraction of a second to convert: a run of a few hundred is
caught working."""


@contextlib.contextmanager
def run_until_stored(tmp_path: Path, total: int) -> Iterator[subprocess.Popen[bytes]]:
    """The installed command converting `total` heavy threads into t.db, in a session of its
    own, given back once the database holds a thread; its group is killed when done with."""
    (tmp_path / "in").mkdir()
    for i in range(total):
        (tmp_path / "in" / f"t{i:03}.txt").write_text(HEAVY, encoding="utf-8")
    assert UNROLL is not None
    run = subprocess.Popen([UNROLL, "convert", "in", "-o", "t.db", "-j", "2"], cwd=tmp_path,
                           start_new_session=True, stdin=subprocess.DEVNULL,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while _stored(tmp_path / "t.db") == 0 and time.monotonic() < deadline:
            assert run.poll() is None, "the run ended before it could be stopped"
            time.sleep(0.05)
        yield run
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(run.pid, signal.SIGKILL)
        if run.returncode is None or not run.stderr or not run.stderr.closed:
            run.communicate(timeout=60)


@pytest.mark.skipif(UNROLL is None, reason="needs the installed unroll command")
def test_a_run_killed_mid_way_leaves_whole_threads(tmp_path: Path) -> None:
    total = 3 * EVERY  # the first commit is at EVERY threads at most: the kill lands mid-way
    with run_until_stored(tmp_path, total) as run:
        os.kill(run.pid, signal.SIGKILL)
        assert run.wait(timeout=30) == -signal.SIGKILL
    with contextlib.closing(sqlite3.connect(tmp_path / "t.db")) as conn:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        stored = conn.execute("select id, post_count from threads").fetchall()
        assert 0 < len(stored) < total
        for thread_id, post_count in stored:
            assert conn.execute("select count(*) from posts where thread_id = ?",
                                (thread_id,)).fetchone()[0] == post_count
        assert_indexed(conn)
        # The child tables' indexes come when a new database's first run ends: not yet.
        assert indexes(conn) == {(t, tuple(c)) for t, c, _ in INDEXES if t not in DEFERRED}
    with contextlib.closing(open_read_only(tmp_path / "t.db")) as conn:
        from unroll.database.rows import contract

        first = contract(conn, stored[0][0])
    expected = unroll.convert(HEAVY, to="json", name=first["source"]["name"])
    assert render(thread_from_dict(first), "json") == expected
    code, _, err = invoke("convert", "in", "-o", "t.db", "-j", "2", cwd=tmp_path)
    assert code == 0 and f"{total - len(stored)} converted, {len(stored)} skipped" in err
    with contextlib.closing(sqlite3.connect(tmp_path / "t.db")) as conn:
        assert indexes(conn) == {(t, tuple(c)) for t, c, _ in INDEXES}  # the next run's
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert_indexed(conn)


@pytest.mark.skipif(UNROLL is None, reason="needs the installed unroll command")
def test_a_stopped_run_keeps_what_it_says_it_converted(tmp_path: Path) -> None:
    """SIGTERM (as Ctrl-C): the run stops, commits the threads it converted, and says how
    many; the database holds exactly those."""
    with run_until_stored(tmp_path, 3 * EVERY) as run:
        os.kill(run.pid, signal.SIGTERM)
        _, err = run.communicate(timeout=60)
    said = re.search(rf"interrupted after converting (\d+) of {3 * EVERY}; t\.db holds each of them"
                     r" whole", err.decode())
    assert run.returncode == 130 and said, err
    assert counts(tmp_path / "t.db")["threads"] == int(said[1])


def _stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with contextlib.closing(sqlite3.connect(db, timeout=0.1)) as conn:
            return int(conn.execute("select count(*) from threads").fetchone()[0])
    except sqlite3.Error:
        return 0  # not made yet, or being made


# --- reading back ---------------------------------------------------------------------------

def test_database_to_json_is_converting_the_inputs(built: Path) -> None:
    code, _, err = invoke("convert", "threads.db", "-o", "back/", "-t", "json", cwd=built)
    assert code == 0, err
    invoke("convert", "archive", "-o", "direct/", "-t", "json", "-j", "1", "-q", cwd=built)
    direct = sorted(p.relative_to(built / "direct") for p in (built / "direct").rglob("*.json"))
    back = sorted(p.relative_to(built / "back") for p in (built / "back").rglob("*.json"))
    assert back == direct and len(back) == len(SAMPLES) + len(SITE_FIXTURES)
    for name in direct:
        assert (built / "back" / name).read_bytes() == (built / "direct" / name).read_bytes()


def test_database_to_html_jsonl_and_a_selection(built: Path) -> None:
    code, out, _ = invoke("convert", "threads.db", "-t", "jsonl", cwd=built)
    assert code == 0
    _, direct, _ = invoke("convert", "archive", "-t", "jsonl", "-j", "1", "-q", cwd=built)
    assert out == direct  # in the order they went in: the walk's
    code, _, _ = invoke("convert", "threads.db", "-o", "html/", "-t", "html",
                        "--where", "site = 'twtext'", cwd=built)
    names = {p.stem for p in (built / "html").rglob("*.html")}
    assert names == {Path(k).stem for k, v in contracts(built).items()
                     if v["source"]["site"] == "twtext"}
    code, out, _ = invoke("convert", "threads.db", "-t", "jsonl", "--search", "parish",
                          cwd=built)
    assert {json.loads(line)["source"]["name"] for line in out.splitlines()} == \
        {h.path for h in hits(built / "threads.db", "parish")}
    code, _, err = invoke("convert", "threads.db", "-t", "jsonl", "--where", "nosuch = 1",
                          cwd=built)
    assert code == 1 and err.count("\n") == 1 and "nosuch" in err


_text = st.text(st.characters(codec="utf-8"), max_size=30)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_text, st.sampled_from(["source", "commentary"]), _text),
                min_size=1, max_size=5),
       st.lists(st.tuples(_text, _text), max_size=3), st.one_of(st.none(), _text))
def test_rows_give_back_the_contract(tmp_path_factory: pytest.TempPathFactory,
                                     segments: list[tuple[str, str, str]],
                                     removed: list[tuple[str, str]],
                                     date: str | None) -> None:
    """Any thread's contract, into rows of a real database and back, is the same data."""
    from unroll.database.rows import contract
    from unroll.database.store import ThreadStore

    data = to_dict(unroll.parse("A post 1/\nAnother 2/"))
    data["date"] = date
    data["posts"][0]["segments"] = [{"kind": k, "text": t, "speaker": s or None,
                                     "paragraph": i} for i, (t, k, s) in enumerate(segments)]
    data["posts"][1]["images"] = [{"url": "https://example.org/a.png", "alt": date}]
    data["removed"] = [{"text": t, "rule": r} for t, r in removed]
    db = tmp_path_factory.mktemp("prop") / "p.db"
    with ThreadStore(db) as store:
        store.add(data, Input("p.txt", "p.txt", "0" * 64))
    with contextlib.closing(open_read_only(db)) as conn:
        assert contract(conn, 1) == data


# --- docs/database.md: its five queries, each run ---------------------------------------------

def _docs_queries() -> list[str]:
    text = (ROOT / "docs" / "database.md").read_text(encoding="utf-8")
    return re.findall(r"```sql\n(.*?)```", text, re.DOTALL)


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def _expected(number: int, data: dict[str, dict[str, Any]]) -> list[tuple[Any, ...]]:
    """What query `number` of docs/database.md must give, worked out from the contracts."""
    threads = list(data.values())  # in the order they went in (the walk's, as contracts')
    if number == 0:
        return [(t["title"], p["n"], s["text"]) for t in threads
                if (t["author"] or {}).get("handle") == "@WendWatch" for p in t["posts"]
                for s in p["segments"] if s["kind"] == "commentary" and "budget" in
                _words(s["text"])]
    if number == 1:
        return [(t["title"], p["n"], s["text"]) for t in threads for p in t["posts"]
                for s in p["segments"] if s["speaker"] == "Committee"]
    if number == 2:
        return sorted(((t["title"], t["date"], n) for t in threads if (t["date"] or "") >= "2024"
                       and (n := sum("crew" in _words(p["text"]) for p in t["posts"]))),
                      key=lambda row: row[1])
    if number == 3:
        authors: dict[str, list[int]] = {}
        for t in threads:
            if t["author"]:
                authors.setdefault(t["author"]["handle"], []).append(len(t["posts"]))
        return sorted(((a, len(c), sum(c)) for a, c in authors.items()),
                      key=lambda row: (-row[2], row[0]))
    codes: dict[str, list[int]] = {}
    for index, t in enumerate(threads):
        for w in t["warnings"]:
            codes.setdefault(w["code"], []).append(index)
    return sorted(((c, len(i), len(set(i))) for c, i in codes.items()),
                  key=lambda row: (-row[1], row[0]))


def test_the_docs_give_five_queries() -> None:
    assert len(_docs_queries()) == 5


@pytest.mark.parametrize("number", range(5))
def test_each_query_of_the_docs(built: Path, number: int) -> None:
    data = {path: data for path, data in sorted(
        contracts(built).items(), key=lambda item: _walk_order(built).index(item[0]))}
    with contextlib.closing(sqlite3.connect(built / "threads.db")) as conn:
        rows = conn.execute(_docs_queries()[number]).fetchall()
    expected = _expected(number, data)
    assert expected, "the query finds something in the samples"
    assert rows == expected


def _walk_order(built: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(built / "threads.db")) as conn:
        return [row[0] for row in conn.execute("select path from threads order by id")]


def test_the_terminal_form_keeps_the_authors_brackets(built: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """rich reads "[...]" as markup: the hits go in as Text, so an aside survives."""
    from unroll.database.hits import show_rich

    found = hits(built / "threads.db", "credit")
    assert found and "[Good. \x02Credit" in found[0].snippet
    show_rich(found)
    shown = " ".join(capsys.readouterr().out.split())
    assert "[Good. Credit" in shown and "1. " + (found[0].title or "") in shown


def test_archives_into_a_database_read_back_as_converted_directly(tmp_path: Path) -> None:
    """A web archive's captures (source.captured) and an X archive's self-threads (each
    post's date) go into the database and come back as the JSON they convert to."""
    from test_archives_exports import x_archive
    from test_archives_warc import crawl

    (tmp_path / "crawl.warc.gz").write_bytes(b"".join(crawl()))
    x_archive(tmp_path / "twitter.zip")
    for archived in ("crawl.warc.gz", "twitter.zip"):
        code, _, err = invoke("convert", archived, "-o", "threads.db", "-j", "1", cwd=tmp_path)
        assert code == 0, err
        invoke("convert", archived, "-o", f"direct-{archived}.jsonl", "-j", "1", "-q", cwd=tmp_path)
    code, out, err = invoke("convert", "threads.db", "-t", "jsonl", cwd=tmp_path)
    assert code == 0, err
    direct = [line for archived in ("crawl.warc.gz", "twitter.zip") for line in
              (tmp_path / f"direct-{archived}.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(out.splitlines()) == sorted(direct)
    assert any('"captured": ' in line for line in direct)
    assert any('"date": ' in line and '"posts": [{' in line for line in direct)
    again = invoke("convert", "crawl.warc.gz", "-o", "threads.db", "-j", "1", cwd=tmp_path)
    assert again[0] == 0 and "0 converted" in again[2], again[2]


def test_convert_refuses_the_database_format() -> None:
    """unroll.convert renders one document; the database is written by a batch."""
    with pytest.raises(unroll.UsageError, match="database of many threads"):
        unroll.convert("Just a line. 1/\n", to="db")
