"""The HTML page's `lang`: the saved page's own where the text agrees, else the text's script
(and, for Latin script, its commonest words); never a bare "und" where the text says more."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

import unroll
from unroll.cli import cli
from unroll.writers.lang import thread_language
from unroll.writers.options import Options

TEXTS = [
    ("en", "The council said that it was not going to review the plan for this year."),
    ("fr", "Le conseil a dit que ce n'est pas une bonne idée pour nous et les autres."),
    ("de", "Der Rat sagt, das ist nicht gut und ich bin auch dagegen."),
    ("es", "El consejo dijo que es muy bueno para los niños y las niñas, pero no."),
    ("it", "Il consiglio ha detto che non è una buona idea per gli altri, anche questo."),
    ("pt", "O conselho disse que não é uma boa ideia para os outros, mais uma vez."),
    ("nl", "De raad zei dat het niet een goed idee is voor de stad, maar ook niet slecht."),
    ("ja", "今日は天気がいいですね。散歩に行きましょう。"),
    ("zh", "今天天气很好，我们去公园散步吧。"),
    ("ko", "오늘은 날씨가 좋네요. 산책하러 갑시다."),
    ("ru", "Сегодня хорошая погода, пойдём гулять."),
    ("uk", "Сьогодні гарна погода, їдьмо гуляти."),
    ("el", "Σήμερα ο καιρός είναι καλός."),
    ("he", "היום מזג האוויר יפה."),
    ("ar", "الطقس جميل اليوم."),
    ("fa", "امروز هوا خوب است و چای می‌نوشیم."),
    ("hi", "आज मौसम अच्छा है।"),
    ("th", "วันนี้อากาศดี"),
]


def _lang(html: str) -> str:
    root = BeautifulSoup(html, "html.parser").find(["html", "section"])
    assert root is not None
    return str(root["lang"])


@pytest.mark.parametrize(("lang", "text"), TEXTS, ids=[lang for lang, _ in TEXTS])
def test_a_text_thread_gets_its_scripts_language(lang: str, text: str) -> None:
    thread = f"{text} 1/\n{text} 2/\n"
    assert _lang(unroll.convert(thread, to="html")) == lang
    assert _lang(unroll.convert(thread, to="html", options=Options(fragment=True))) == lang


def test_latin_letters_that_name_no_language_say_only_the_script() -> None:
    assert _lang(unroll.convert("Hello 1/\nThere 2/\n", to="html")) == "und-Latn"
    assert _lang(unroll.convert("123 1/\n456 2/\n", to="html")) == "und"


def _page(lang_attr: str, text: str) -> str:
    return (f"<!DOCTYPE html><html {lang_attr}><head><title>A thread</title></head><body><main>"
            f"<p>{text}</p><p>{text}</p></main></body></html>")


@pytest.mark.parametrize(("attr", "text", "lang"), [
    ('lang="fr-CA"', "Hello there, a short one.", "fr-CA"),  # Latin script: the page knows
    ('xml:lang="de"', "Hello there, a short one.", "de"),
    ('lang="en"', "今日は天気がいいですね。散歩に行きましょう。", "ja"),  # a site's stock "en"
    ('lang="ja"', "今日は天気がいい。", "ja"),  # kanji alone fit a page that says Japanese
    ('lang="tlh"', "Hello there, a short one.", "tlh"),  # a language this module does not know
    ('lang="und"', TEXTS[0][1], "en"),
    ('lang="en&quot; onload=&quot;x"', TEXTS[1][1], "fr"),  # not a tag: not used, nor injected
    ("", TEXTS[1][1], "fr"),
])
def test_a_saved_page_keeps_its_own_lang_where_the_text_agrees(tmp_path: Path, attr: str,
                                                               text: str, lang: str) -> None:
    path = tmp_path / "page.html"
    path.write_text(_page(attr, text), encoding="utf-8")
    out = tmp_path / "page.out.html"
    result = CliRunner().invoke(cli, ["convert", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert _lang(out.read_text(encoding="utf-8")) == lang


def test_only_the_opening_letters_are_read() -> None:
    """A thread's language is read off its opening: a Russian quote after 1,000 characters of
    English does not change it."""
    english = [TEXTS[0][1]] * 40
    assert thread_language(None, [*english, "Сегодня хорошая погода." * 100]) == "en"
    assert thread_language(None, ["Сегодня хорошая погода." * 100, *english]) == "ru"
