"""generator/template_cache.py: compiled templates survive the process, and never go stale."""

from __future__ import annotations

import jinja2

from generator.template_cache import CompiledTemplates


def environment(templates, folder):
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates)),
                             bytecode_cache=CompiledTemplates(folder))
    compiled = []
    original = env.compile

    def counting(*args, **kwargs):
        compiled.append(args[1] if len(args) > 1 else kwargs.get("name"))
        return original(*args, **kwargs)

    env.compile = counting
    return env, compiled


def test_a_new_process_uses_what_an_earlier_one_compiled(tmp_path):
    (tmp_path / "t").mkdir()
    (tmp_path / "t/page.html").write_text("Hallo {{ naam }}", encoding="utf-8")
    first, compiled = environment(tmp_path / "t", tmp_path / "cache")
    assert first.get_template("page.html").render(naam="Almere") == "Hallo Almere"
    assert compiled == ["page.html"] and len(list((tmp_path / "cache").iterdir())) == 1

    later, compiled = environment(tmp_path / "t", tmp_path / "cache")  # as a new build would
    assert later.get_template("page.html").render(naam="Someren") == "Hallo Someren"
    assert compiled == []


def test_a_changed_template_is_compiled_again(tmp_path):
    (tmp_path / "t").mkdir()
    (tmp_path / "t/page.html").write_text("Oud {{ naam }}", encoding="utf-8")
    environment(tmp_path / "t", tmp_path / "cache")[0].get_template("page.html").render(naam="x")
    (tmp_path / "t/page.html").write_text("Nieuw {{ naam }}", encoding="utf-8")
    later, compiled = environment(tmp_path / "t", tmp_path / "cache")
    assert later.get_template("page.html").render(naam="x") == "Nieuw x"
    assert compiled == ["page.html"]


def test_a_cache_folder_that_cannot_be_written_keeps_templates_in_memory(tmp_path):
    (tmp_path / "t").mkdir()
    (tmp_path / "t/page.html").write_text("Hallo", encoding="utf-8")
    (tmp_path / "not-a-folder").write_text("", encoding="utf-8")
    env, compiled = environment(tmp_path / "t", tmp_path / "not-a-folder" / "cache")
    assert env.get_template("page.html").render() == "Hallo"
    assert env.bytecode_cache.folder is None
    env.cache.clear()  # Jinja's own template cache: ask the bytecode cache again
    assert env.get_template("page.html").render() == "Hallo" and compiled == ["page.html"]


def test_environments_with_other_settings_never_share_compiled_code(tmp_path, monkeypatch):
    # Jinja compiles finalize and autoescape into the code: a page template compiled without the
    # escaping finalize must never be run by the environment that has it.
    from generator.template_cache import compiled_templates

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    compiled_templates.cache_clear()
    try:
        (tmp_path / "t").mkdir()
        (tmp_path / "t/page.html").write_text("Hallo {{ naam }}", encoding="utf-8")
        loader = jinja2.FileSystemLoader(str(tmp_path / "t"))
        plain = jinja2.Environment(loader=loader, bytecode_cache=compiled_templates("plain"))
        shouting = jinja2.Environment(loader=loader, finalize=lambda value: str(value).upper(),
                                      bytecode_cache=compiled_templates("shouting"))
        assert plain.get_template("page.html").render(naam="almere") == "Hallo almere"
        assert shouting.get_template("page.html").render(naam="almere") == "Hallo ALMERE"
        assert {folder.name for folder in (tmp_path / "cache/portaal").glob("*/*")} == {"plain", "shouting"}
    finally:
        compiled_templates.cache_clear()


def test_a_template_read_from_a_new_temporary_folder_is_found_by_its_name(tmp_path):
    # MkDocs reads portaal's engine templates from a new temporary folder every build.
    for build in ("een", "twee"):
        (tmp_path / build).mkdir()
        (tmp_path / build / "main.html").write_text("Pagina {{ titel }}", encoding="utf-8")
    first, _ = environment(tmp_path / "een", tmp_path / "cache")
    assert first.get_template("main.html").render(titel="a") == "Pagina a"
    second, compiled = environment(tmp_path / "twee", tmp_path / "cache")
    assert second.get_template("main.html").render(titel="b") == "Pagina b"
    assert compiled == [] and len(list((tmp_path / "cache").iterdir())) == 1


def test_code_compiled_by_other_code_is_not_used():
    # Jinja folds constants through finalize and filters while compiling: an edited markup.py must
    # not meet code compiled by the old one.
    import os

    from generator import markup
    from generator.template_cache import _code_fingerprint

    before = _code_fingerprint()
    info = os.stat(markup.__file__)
    try:
        os.utime(markup.__file__, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
        assert _code_fingerprint() != before
    finally:
        os.utime(markup.__file__, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert _code_fingerprint() == before
