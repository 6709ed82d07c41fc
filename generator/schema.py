"""JSON Schemas for the content files, so editors get autocompletion and inline errors."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import TypeAdapter

from .models import Accountability, Case, Checklist, FeedbackForm, Glossary, Method, PageMeta, SiteConfig, SourceList

SCHEMAS = {
    "case": Case,
    "checklist": Checklist,
    "feedback_form": FeedbackForm,
    "accountability": Accountability,
    "method": TypeAdapter(Method),
    "glossary": Glossary,
    "sources": SourceList,
    "page": PageMeta,
    "site_config": SiteConfig,
}


def schema_texts() -> dict[str, str]:
    texts = {}
    for name, model in SCHEMAS.items():
        schema = model.json_schema() if isinstance(model, TypeAdapter) else model.model_json_schema()
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": name, **schema}
        texts[f"{name}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    return texts


def write_schemas(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        path = out / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
