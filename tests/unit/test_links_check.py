from pathlib import Path

from generator.checks.links import LinkCache, check_links


def write(site: Path, path: str, text: str) -> None:
    target = site / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def test_reports_missing_pages_and_anchors_with_their_place(tmp_path):
    write(tmp_path, "index.html", '<a href="a/">a</a>\n<a href="b/">b</a>\n<a href="a/#x">x</a> <a href="a/#nee">nee</a>')
    write(tmp_path, "a/index.html", '<h1 id="x">A</h1><a href="../">home</a><a href="https://elders.example/">extern</a>'
                                    '<a href="mailto:a@b.nl">mail</a>')
    messages = [str(d) for d in check_links(tmp_path)]
    assert messages == [
        "index.html:2:1: E030 link naar 'b/' wijst naar een pagina die niet bestaat",
        "index.html:3:22: E031 link naar 'a/#nee': het anker '#nee' bestaat niet",
    ]


def test_root_relative_links_count_from_the_sub_path(tmp_path):
    write(tmp_path, "index.html", "ok")
    write(tmp_path, "404.html", '<a href="/inspraak/">home</a><a href="/elders/">weg</a>')
    messages = [str(d) for d in check_links(tmp_path, "/inspraak/")]
    assert messages == ["404.html:1:30: E030 link naar '/elders/' wijst naar een pagina die niet bestaat"]


def test_links_may_not_leave_the_site_folder(tmp_path):
    write(tmp_path, "site/index.html", '<a href="../geheim.html">x</a>')
    write(tmp_path, "geheim.html", "x")
    assert [d.code for d in check_links(tmp_path / "site")] == ["E030"]


def test_a_cached_check_still_finds_a_removed_page_and_anchor(tmp_path):
    write(tmp_path, "index.html", '<a href="a/">a</a> <a href="b/#x">b</a>')
    write(tmp_path, "a/index.html", "a")
    write(tmp_path, "b/index.html", '<h1 id="x">B</h1>')
    cache = LinkCache()
    assert check_links(tmp_path, cache=cache) == []
    assert set(cache.pages) == {"index.html", "a/index.html", "b/index.html"}
    assert check_links(tmp_path, cache=cache) == []  # nothing read again, nothing found
    write(tmp_path, "b/index.html", "<h1>B</h1>")  # the anchor gone
    (tmp_path / "a/index.html").unlink()  # the page gone
    messages = [str(d) for d in check_links(tmp_path, cache=cache)]
    assert messages == ["index.html:1:1: E030 link naar 'a/' wijst naar een pagina die niet bestaat",
                        "index.html:1:20: E031 link naar 'b/#x': het anker '#x' bestaat niet"]


def test_a_cached_check_reads_a_changed_page_again(tmp_path):
    write(tmp_path, "index.html", '<a href="a/">a</a>')
    write(tmp_path, "a/index.html", "a")
    cache = LinkCache()
    assert check_links(tmp_path, cache=cache) == []
    write(tmp_path, "index.html", '<a href="a/">a</a>\n<a href="c/">c</a>')
    assert [str(d) for d in check_links(tmp_path, cache=cache)] == [
        "index.html:2:1: E030 link naar 'c/' wijst naar een pagina die niet bestaat"]


def test_a_cached_check_serves_the_same_site_built_elsewhere(tmp_path):
    for folder in ("one", "two"):
        write(tmp_path / folder, "index.html", '<a href="a/#x">a</a>')
    write(tmp_path / "one", "a/index.html", '<p id="x">a</p>')
    write(tmp_path / "two", "a/index.html", "<p>a</p>")
    cache = LinkCache()
    assert check_links(tmp_path / "one", cache=cache) == []
    assert [d.code for d in check_links(tmp_path / "two", cache=cache)] == ["E031"]
