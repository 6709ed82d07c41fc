from pathlib import Path

import pytest

from generator.source import SourceError, parse_yaml, split_front_matter


def test_locates_values_and_keys_one_based():
    doc = parse_yaml("a: 1\nlist:\n  - x\n  - name: y\n", "f.yml")
    assert str(doc.locate(("a",))) == "f.yml:1:4"
    assert str(doc.locate(("a",), at_key=True)) == "f.yml:1:1"
    assert str(doc.locate(("list", 1, "name"))) == "f.yml:4:11"
    # A path that does not exist points at its deepest existing parent.
    assert str(doc.locate(("list", 1, "missing"))) == "f.yml:4:5"


def test_plain_data_has_no_ruamel_types():
    doc = parse_yaml("a: [1, 'x']\nb: 2026-01-02\n", "f.yml")
    assert type(doc.data) is dict and type(doc.data["a"]) is list
    assert type(doc.data["a"][0]) is int and type(doc.data["a"][1]) is str


@pytest.mark.parametrize("text, expected", [
    ("a: [1,\n", "f.yml:2:1: E001 YAML-syntaxfout"),
    ("a: 1\na: 2\n", "f.yml:2:1: E002 dubbele sleutel 'a': deze staat hierboven al (regel 1)"),
    ("", "f.yml:1:1: E008 het bestand is leeg"),
    ("# alleen commentaar\n\n", "f.yml:1:1: E008 het bestand is leeg"),
])
def test_source_errors_are_located(text, expected):
    with pytest.raises(SourceError) as caught:
        parse_yaml(text, "f.yml")
    assert str(caught.value.diagnostic).startswith(expected)


def test_front_matter_lines_count_from_the_file_start():
    doc, body, body_line = split_front_matter("---\ntitle: x\nnav_order: 3\n---\nTekst\n", "p.md")
    assert str(doc.locate(("nav_order",))) == "p.md:3:12"
    assert body == "Tekst\n" and body_line == 5


def test_front_matter_missing_is_an_error():
    with pytest.raises(SourceError) as caught:
        split_front_matter("Geen front matter\n", "p.md")
    assert caught.value.diagnostic.code == "E005"


def test_non_utf8_file_is_reported(tmp_path: Path):
    from generator.source import load_yaml_file

    path = tmp_path / "x.yml"
    # Latin-1 'é' on line 3, after a UTF-8 'é' on the same line: columns count characters.
    path.write_bytes(b"a: 1\nb: 2\nc: \xc3\xa9 caf\xe9\n")
    with pytest.raises(SourceError) as caught:
        load_yaml_file(path, "x.yml")
    assert str(caught.value.diagnostic) == ("x.yml:3:9: E010 het bestand is geen UTF-8: ongeldige byte 0xE9; "
                                            "sla het bestand op als UTF-8")
