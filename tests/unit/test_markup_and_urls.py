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
    assert markdown_text("A *b* <c> [d](e)") == "A \\*b\\* &lt;c&gt; \\[d\\]\\(e\\)"


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
