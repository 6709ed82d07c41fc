import html
import re

import markdown
import pytest

from generator.markup import markdown_text, markdown_to_html
from generator.routes import relative, url_of


@pytest.mark.parametrize("source", [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[klik](javascript:alert(1))",
    '<a href="https://x.nl" onclick="alert(1)">x</a>',
    "<style>body{display:none}</style>",
    '<iframe src="https://x.nl"></iframe>',
])
def test_content_cannot_inject_script_style_or_handlers(source):
    rendered = str(markdown_to_html(source)).lower()
    for forbidden in ("<script", "onerror", "onclick", "javascript:", "<style", "<iframe"):
        assert forbidden not in rendered


def test_markdown_keeps_ordinary_formatting():
    rendered = str(markdown_to_html("Een **vet** woord en [een bron](https://wetten.overheid.nl/).\n\n- een\n- twee"))
    assert "<strong>vet</strong>" in rendered
    assert '<a href="https://wetten.overheid.nl/" rel="noopener noreferrer">een bron</a>' in rendered
    assert "<ul>\n<li>een</li>" in rendered


@pytest.mark.parametrize("top, source, expected", [
    (3, "# a\n\n## b", ["h3", "h4"]),
    (3, "### a", ["h3"]),
    (2, "## a\n\n### b", ["h2", "h3"]),
    (2, "# a", ["h2"]),
])
def test_content_headings_are_placed_below_the_template_heading(top, source, expected):
    import re

    assert re.findall(r"<(h\d)>", str(markdown_to_html(source, top))) == expected


def test_markdown_text_escapes_html_and_markdown():
    assert markdown_text("A *b* <c> [d](e)") == "A &#42;b&#42; &lt;c&gt; &#91;d&#93;(e)"


@pytest.mark.parametrize("text", ["[klik](javascript:alert(1))", "*nadruk* en _ook_", "`code`", "{: #id .klasse }",
                                  "{# x #}", "Titel ##", "a | b", "- lijst", "+ lijst", "1. lijst", "2) lijst", "===",
                                  "een\n# kop", "een\u2028- lijst", "<b onmouseover=x>", "\\*", "Wmo 2015 art. 2.2.4"])
def test_plain_text_is_plain_in_markdown_in_raw_html_and_in_attributes(text):
    escaped = markdown_text(text)
    # In Markdown (with the extensions the engines use): one paragraph of text, no other element.
    rendered = markdown.markdown(f"Voor {escaped} na", extensions=["attr_list", "tables", "toc"])
    heading = markdown.markdown(f"## {escaped}", extensions=["attr_list", "tables", "toc"])
    shown = " ".join(text.split())
    assert rendered == f"<p>Voor {html.escape(shown, quote=False)} na</p>" or \
        html.unescape(re.sub(r"<p>|</p>", "", rendered)) == f"Voor {shown} na", rendered
    assert re.fullmatch(r'<h2 id="[^"<>]*">[^<>]*</h2>', heading) and html.unescape(heading[heading.index(">") + 1:-5]) == shown
    # At the start of a line, and inside a raw HTML block: still only text.
    assert html.unescape(re.sub(r"</?p>", "", markdown.markdown(str(escaped)))) == shown
    assert markdown.markdown(f"<dl>\n<dd>{escaped}</dd>\n</dl>") == f"<dl>\n<dd>{escaped}</dd>\n</dl>"
    assert markdown_text(escaped) is escaped  # never escaped twice


@pytest.mark.parametrize("docs_path, url", [
    ("index.md", ""), ("over.md", "over/"), ("praktijkvoorbeelden/index.md", "praktijkvoorbeelden/"),
    ("praktijkvoorbeelden/almere.md", "praktijkvoorbeelden/almere/"),
])
def test_directory_urls(docs_path, url):
    assert url_of(docs_path) == url


@pytest.mark.parametrize("start, target, link", [
    ("praktijkvoorbeelden/almere/", "methoden/methode-jet/", "../../methoden/methode-jet/"),
    ("", "praktijkvoorbeelden/", "praktijkvoorbeelden/"),
    ("praktijkvoorbeelden/", "", "../"),
    ("begrippen/", "begrippen/#wmo", "#wmo"),
    ("x/", "x/", "./"),
    ("", "over/#bron-a", "over/#bron-a"),
])
def test_relative_links_never_assume_the_domain_root(start, target, link):
    assert relative(start, target) == link


# Words and breaks first (paragraphs and '- ' lists), then what makes Markdown more than that.
PROSE = ["Inwoners", "praten", "mee.", "De", "gemeente", "(Wmo)", "luistert:", "'zo'n'", '"goed"', "één", "50%",
         " ", "\n", "\n\n", "\n\n\n", "\n- ", "- ", "  \n", " ", "\xa0", "-", "--", "1. ", "2024", "# ", "> ", "*", "_",
         "`", "[x](y)", "<b>", "&amp;", "&", "|", "~", "=", "===", "+ ", "\t", "    ", "\\", "!", "?", "\r\n",
         "\u2003", "\u3000", "\u202f", "\u2028", "\x85", "\x0c"]


def test_prose_written_directly_is_what_python_markdown_writes():
    from generator.markup import _converter, markdown_html, prose_blocks

    import random

    direct = lists = 0
    for seed in range(6000):
        rng = random.Random(seed)
        pieces = PROSE[:19] if seed % 2 else PROSE
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        assert markdown_html(text) == _converter().reset().convert(text), repr(text)
        blocks = prose_blocks(text)
        direct += blocks is not None
        lists += blocks is not None and any(kind == "ul" for kind, _ in blocks)
    assert direct > 500 and lists > 30  # the comparison is largely of texts written directly, lists too


def test_a_list_after_a_blank_line_is_left_to_python_markdown():
    from generator.markup import markdown_html, prose_blocks

    assert prose_blocks("- een\n- twee\n\n- drie") is None  # one loose list, <p> in its items
    assert "<li>\n<p>drie</p>\n</li>" in markdown_html("- een\n- twee\n\n- drie")
    assert prose_blocks("Tekst.\n\n- een\n- twee\n\nMeer tekst.") == [
        ("p", ["Tekst."]), ("ul", ["een", "twee"]), ("p", ["Meer tekst."])]


def test_every_text_of_the_demo_is_written_as_python_markdown_writes_it():
    import yaml
    from support import ROOT

    from generator.markup import _converter, markdown_html, prose_blocks

    def texts(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from texts(item)
        elif isinstance(value, list):
            for item in value:
                yield from texts(item)

    found = [text for path in sorted((ROOT / "content").rglob("*.yml"))
             for text in texts(yaml.safe_load(path.read_text(encoding="utf-8")))]
    for text in found:
        assert markdown_html(text) == _converter().reset().convert(text), repr(text)
    assert sum(prose_blocks(text) is not None for text in found) > len(found) / 2
