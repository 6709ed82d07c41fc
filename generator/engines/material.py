"""Material for MkDocs, run in-process through MkDocs' own build."""

from __future__ import annotations

import calendar
import contextlib
import datetime
import logging
import os
from collections.abc import Iterator
from pathlib import Path

label = "Material for MkDocs"


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def _captured_mkdocs_log() -> Iterator[_Collect]:
    logger = logging.getLogger("mkdocs")
    handler = _Collect()
    old_propagate, old_level = logger.propagate, logger.level
    logger.addHandler(handler)
    logger.propagate = False
    logger.setLevel(logging.WARNING)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.propagate, logger.level = old_propagate, old_level


@contextlib.contextmanager
def source_date(updated: datetime.date) -> Iterator[None]:
    """MkDocs reads SOURCE_DATE_EPOCH for sitemap dates and gzip headers: pin it to the content's date."""
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(updated.timetuple()))
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def build(options: dict, work: Path, updated: datetime.date) -> list[str]:
    from mkdocs.commands.build import build as mkdocs_build  # imported only when building
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.exceptions import MkDocsException
    from pymdownx.slugs import slugify

    options = {**options, "validation": {"nav": {"omitted_files": "ignore"}, "links": {"unrecognized_links": "ignore"}}}
    # Heading anchors keep their letters (é stays é), as Material's documentation recommends for Dutch.
    options["markdown_extensions"] = ["attr_list", "tables",
                                      {"toc": {"permalink": False, "slugify": slugify(case="lower"), "toc_depth": 3}}]
    mk = MkDocsConfig(config_file_path=str(work / "mkdocs.yml"))
    mk.load_dict(options)
    errors, warnings = mk.validate()
    problems = [f"{name}: {error}" for name, error in errors] + [f"{name}: {w}" for name, w in warnings]
    if errors:
        return problems
    try:
        with _captured_mkdocs_log() as log, source_date(updated):
            mk.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build(mk)
            finally:
                mk.plugins.on_shutdown()
    except (MkDocsException, OSError) as error:
        return problems + [str(error)]
    return problems + log.messages
