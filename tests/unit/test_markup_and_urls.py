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
