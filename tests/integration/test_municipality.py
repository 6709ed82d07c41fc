"""A municipality publishes its own portal: scaffold, layering over the handreiking, branding,
sub-path hosting and several portals in one command."""

from __future__ import annotations

import functools
import http.server
import re
import threading
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from support import ROOT, run_portaal


@pytest.fixture
def scaffold(tmp_path):
    def make(name: str = "Gemeente Utrechtse Heuvelrug", folder: str = "portal") -> Path:
        result = run_portaal("new", name, folder, cwd=tmp_path)
        assert result.code == 0, result.stderr
        return tmp_path / folder

    return make


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_scaffold_builds_with_name_colours_local_content_and_the_handreiking(scaffold):
    root = scaffold()
    config = (root / "site_config.yml").read_text(encoding="utf-8")
    settings = [line for line in config.splitlines() if re.match(r"^\s*[a-z_]+:", line)]
    assert len(settings) > 20
    # Every setting has a Dutch comment right above it (or on a heading above a group).
    lines = config.splitlines()
    uncommented = [l for l in settings if not lines[lines.index(l) - 1].lstrip().startswith("#")
                   and not l.startswith("  ") and l.split(":")[0] not in ("contact",)]
    assert uncommented == []

    edit(root / "site_config.yml", 'primary_color: "#1d4f7c"', 'primary_color: "#7a1f3d"')
    result = run_portaal("build", cwd=root)
    assert result.code == 0, result.stderr
    site = root / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Inwoners betrekken bij cliëntondersteuning in Utrechtse Heuvelrug" in home
    assert "Gemeente Utrechtse Heuvelrug" in home
    assert "--md-primary-fg-color: #7a1f3d;" in (site / "assets/portaal-colors.css").read_text(encoding="utf-8")
    assert "Inwoners denken mee over cliëntondersteuning in Utrechtse Heuvelrug" in \
        (site / "praktijkvoorbeelden/lokaal-voorbeeld/index.html").read_text(encoding="utf-8")
    assert (site / "clientondersteuning-in-de-gemeente/index.html").is_file()
    for base_page in ("praktijkvoorbeelden/almere/", "methoden/methode-jet/sessieplan/", "methoden/lemniscaat/",
                      "begrippen/", "toegankelijkheid/"):
        assert (site / base_page / "index.html").is_file(), base_page
    # Nobody has approved the statement of a fresh portal yet: status E, whatever research is planned.
    assert "Status E: geen toegankelijkheidsverklaring." in (site / "toegankelijkheid/index.html").read_text(encoding="utf-8")


def test_a_local_item_replaces_the_base_item_with_the_same_slug(scaffold):
    root = scaffold()
    local = (ROOT / "content/cases/almere.yml").read_text(encoding="utf-8")
    title = re.search(r"^title: (.*)$", local, re.M).group(1)
    (root / "content/cases/almere.yml").write_text(local.replace(f"title: {title}", "title: Almere, onze eigen versie"),
                                                   encoding="utf-8")
    assert run_portaal("build", cwd=root).code == 0
    page = (root / "site/praktijkvoorbeelden/almere/index.html").read_text(encoding="utf-8")
    assert "Almere, onze eigen versie" in page and title not in page
    overview = (root / "site/praktijkvoorbeelden/index.html").read_text(encoding="utf-8")
    assert overview.count('href="almere/"') == 1


def test_an_excluded_base_item_is_gone_and_links_to_it_are_reported(scaffold):
    root = scaffold()
    edit(root / "site_config.yml", "  cases: []      # bijvoorbeeld: [almere, someren]", "  cases: [almere, bestaat-niet]")
    edit(root / "content/pages/clientondersteuning-in-de-gemeente.md", "## Contact",
         "Lees ook [het voorbeeld van Almere](../praktijkvoorbeelden/almere/).\n\n## Contact")
    line = (root / "site_config.yml").read_text(encoding="utf-8").splitlines().index("  cases: [almere, bestaat-niet]") + 1
    result = run_portaal("build", cwd=root)
    assert result.code == 1
    assert f"site_config.yml:{line}:19: E006 'exclude.cases[2]': 'bestaat-niet' staat niet in de gedeelde handreiking" \
        in result.stderr
    edit(root / "site_config.yml", "  cases: [almere, bestaat-niet]", "  cases: [almere]")
    result = run_portaal("build", cwd=root)
    assert result.code == 1
    # Reported at the link's own line in the content file, not in the built HTML.
    assert re.search(r"content/pages/clientondersteuning-in-de-gemeente.md:\d+:\d+: E030 link naar "
                     r"'\.\./praktijkvoorbeelden/almere/' wijst naar een pagina die niet bestaat", result.stderr)

    edit(root / "content/pages/clientondersteuning-in-de-gemeente.md",
         "Lees ook [het voorbeeld van Almere](../praktijkvoorbeelden/almere/).\n\n", "")
    assert run_portaal("build", cwd=root).code == 0
    assert not (root / "site/praktijkvoorbeelden/almere").exists()
    assert "almere/" not in (root / "site/praktijkvoorbeelden/index.html").read_text(encoding="utf-8")


def test_excluding_a_method_that_base_cases_use_names_those_cases(scaffold):
    root = scaffold()
    edit(root / "site_config.yml", "  methods: []    # bijvoorbeeld: [trap-van-eigenaarschap]", "  methods: [methode-jet]")
    result = run_portaal("check", cwd=root)
    assert result.code == 1
    base_almere = ROOT / "content/cases/almere.yml"
    line = next(n for n, l in enumerate(base_almere.read_text(encoding="utf-8").splitlines(), 1) if "methode-jet" in l)
    assert f"{base_almere}:{line}:" in result.stderr
    assert "methode 'methode-jet' bestaat niet meer: uitgesloten in site_config.yml (exclude.methods)" in result.stderr


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and name in ("href", "src") and tag in ("a", "link", "script", "img"):
                self.links.append(value)


class _SubPath(http.server.SimpleHTTPRequestHandler):
    """Serves the site only under /inspraak/, like a municipality's web server would."""

    def log_message(self, *args):
        pass

    def translate_path(self, path):
        parts = urlsplit(path)
        if not parts.path.startswith("/inspraak/"):
            return str(Path(self.directory) / "__nowhere__")
        return super().translate_path(parts.path.removeprefix("/inspraak"))


def test_a_sub_path_build_served_under_inspraak_has_no_broken_link(scaffold):
    root = scaffold()
    assert 'site_url: "https://www.utrechtseheuvelrug.nl/inspraak/"' in (root / "site_config.yml").read_text(encoding="utf-8")
    assert run_portaal("build", cwd=root).code == 0
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_SubPath, directory=str(root / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        seen, queue, broken = set(), [origin + "/inspraak/", origin + "/inspraak/bestaat/niet/"], []
        while queue:
            url = queue.pop()
            if url in seen:
                continue
            seen.add(url)
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    body, kind = response.read(), response.headers.get_content_type()
            except urllib.error.HTTPError as error:
                if not url.endswith("/bestaat/niet/"):
                    broken.append(f"{url}: {error.code}")
                    continue
                body, kind = error.read(), "text/html"
            if kind == "text/html":
                parser = _Links()
                parser.feed(body.decode("utf-8"))
                for link in parser.links:
                    target = urljoin(url, link).split("#")[0]
                    if target.startswith(origin):
                        assert target.startswith(origin + "/inspraak/"), f"{url} links outside the sub-path: {link}"
                        queue.append(target)
        assert len(seen) > 60 and broken == []
    finally:
        server.shutdown()


def test_several_portals_in_one_command_one_broken(scaffold, tmp_path):
    first, broken, third = scaffold("Gemeente Aa", "aa"), scaffold("Gemeente Bee", "bee"), scaffold("Gemeente Cee", "cee")
    edit(broken / "content/cases/lokaal-voorbeeld.yml", "terms: [clientondersteuning]", "terms: [bestaat-niet]")
    result = run_portaal("build", "aa/site_config.yml", "bee/site_config.yml", "cee/site_config.yml", cwd=tmp_path)
    assert result.code == 1
    assert "bee/content/cases/lokaal-voorbeeld.yml:14:9: E006 'terms[1]': begrip 'bestaat-niet' bestaat niet" in result.stderr
    assert result.stderr.strip().splitlines()[-4:] == [
        "  gelukt   aa/site_config.yml -> aa/site",
        "  mislukt  bee/site_config.yml: 1 fout(en); de vorige site is ongewijzigd",
        "  gelukt   cee/site_config.yml -> cee/site",
        "2 van 3 portals gebouwd.",
    ]
    assert (first / "site/index.html").is_file() and (third / "site/index.html").is_file()
    assert not (broken / "site").exists()


def test_new_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "bestaand").mkdir()
    (tmp_path / "bestaand/iets.txt").write_text("x")
    result = run_portaal("new", "Gemeente X", "bestaand", cwd=tmp_path)
    assert result.code == 1
    assert result.stderr.strip() == "bestaand:1:1: E007 de map bestaat al en is niet leeg; kies een nieuwe map"
