"""The HTML page's language (unroll.writers.lang): what reading it costs beside the conversion.

For each sample, and for a Japanese, a Russian and a 70,000-post English thread made from
them, prints microseconds for thread_language and for the whole conversion to HTML (best
of seven runs each, side by side in one process, as the machines are shared and noisy).
Nothing is asserted.

    python benchmarks/lang.py
"""

from __future__ import annotations

import timeit
from pathlib import Path

import unroll
from unroll.writers.lang import thread_language

ROOT = Path(__file__).resolve().parent.parent


def best(call: object, number: int) -> float:
    """Microseconds a call, the best of seven runs of `number` calls."""
    return min(timeit.repeat(call, number=number, repeat=7)) / number * 1e6  # type: ignore[arg-type]


def inputs() -> dict[str, bytes]:
    found = {path.name: path.read_bytes() for path in sorted((ROOT / "samples").glob("*.txt"))}
    found["japanese (made)"] = "".join(
        f"今日は天気がいいですね。散歩に行きましょう。{i}/\n" for i in range(1, 30)).encode()
    found["russian (made)"] = "".join(
        f"Сегодня хорошая погода, пойдём гулять. {i}/\n" for i in range(1, 30)).encode()
    found["70,000 posts (made)"] = "".join(
        f"Post {i} of a long thread about the council and the plan. {i}/\n"
        for i in range(1, 70_001)).encode()
    return found


def main() -> None:
    print(f"{'input':28} {'lang':>8} {'lang us':>9} {'to html us':>11} {'share':>6}")
    for name, data in inputs().items():
        print(f"{name:28} {row(name, data)}")


def row(name: str, data: bytes) -> str:
    """The language found, its cost, the conversion's, and the share of it."""
    thread = unroll.parse(data, name=name)
    texts = [post.text for post in thread.posts]
    lang = best(lambda: thread_language(thread.lang, texts), 200)
    whole = best(lambda: unroll.convert(data, to="html"), 3 if len(texts) > 1000 else 200)
    return (f"{thread_language(thread.lang, texts):>8} {lang:9.1f} {whole:11.0f}"
            f" {lang / whole:6.1%}")


if __name__ == "__main__":
    main()
