from pathlib import Path

from generator.checks.links import check_links


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
