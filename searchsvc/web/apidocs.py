"""The API reference at /api/docs: the OpenAPI document (openapi.DOCUMENT) laid out as one HTML page.

Rendered on the server from the document itself, so it cannot drift from it and needs no script,
no stylesheet but ours and nothing from a CDN (the strict Content-Security-Policy stays). Every
schema is written as a short type (`array of Country`, `integer 1–100`), $refs as links to the
schema's section of the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from searchsvc.web.openapi import DOCUMENT


@dataclass(frozen=True)
class Field:
    name: str
    type_html: str  # HTML: may link to a schema
    required: bool
    description: str  # HTML, like every description here
    where: str = ""  # query, path, header (parameters only)


@dataclass(frozen=True)
class Answer:
    status: str
    description: str
    media_types: list[tuple[str, str]]  # (media type, its schema as HTML)
    headers: list[str]


@dataclass(frozen=True)
class Operation:
    anchor: str
    method: str
    path: str
    summary: str
    parameters: list[Field]
    answers: list[Answer]
    example: str  # a URL to try


@dataclass(frozen=True)
class Schema:
    name: str
    description: str
    fields: list[Field]
    type_html: str  # for a schema without properties


@dataclass(frozen=True)
class Reference:
    title: str
    version: str
    description: str
    operations: list[Operation]
    schemas: list[Schema]


CODE_SPAN = re.compile(r"`([^`]+)`")
EXAMPLES = {  # what to try for each path (a real request on the seed corpus)
    "/api/search": "/api/search?q=cyberd%C3%A9fense&from=2020",
    "/api/search.csv": "/api/search.csv?topic=cyberdefense",
    "/api/search.jsonl": "/api/search.jsonl?country=UA",
    "/api/search.xlsx": "/api/search.xlsx?q=sommet&from=2020&to=2024",
    "/api/search.atom": "/api/search.atom?topic=ukraine",
    "/api/facets/{facet}": "/api/facets/country?prefix=po",
}


def reference() -> Reference:
    info = DOCUMENT["info"]
    operations = [operation(path, method, spec) for path, item in DOCUMENT["paths"].items()
                  for method, spec in item.items()]
    schemas = [schema(name, spec) for name, spec in DOCUMENT["components"]["schemas"].items()]
    return Reference(info["title"], info["version"], prose(info["description"]), operations, schemas)


def operation(path: str, method: str, spec: dict) -> Operation:
    parameters = [parameter(resolve(p)) for p in spec.get("parameters", [])]
    answers = [answer(status, resolve(a)) for status, a in spec["responses"].items()]
    return Operation(spec["operationId"], method.upper(), path, spec.get("summary", ""), parameters, answers,
                     EXAMPLES.get(path, path if "{" not in path else ""))


def parameter(spec: dict) -> Field:
    return Field(spec["name"], type_html(spec.get("schema", {})), spec.get("required", False),
                 prose(spec.get("description", "")), spec["in"])


def answer(status: str, spec: dict) -> Answer:
    media = [(media_type, type_html(content.get("schema", {}))) for media_type, content in
             spec.get("content", {}).items()]
    headers = [ref_name(h) for h in spec.get("headers", {}).values()]
    return Answer(status, prose(spec.get("description", "")), media, headers)


def schema(name: str, spec: dict) -> Schema:
    return Schema(name, prose(spec.get("description", "")), fields_of(spec), type_html(spec))


def fields_of(spec: dict, prefix: str = "") -> list[Field]:
    """The properties of an object schema, and those of the objects inside it as `query.q` or
    `similar[].id` rows (a $ref is a link instead: its schema has its own section)."""
    required = set(spec.get("required", ()))
    fields = []
    for key, value in spec.get("properties", {}).items():
        name = prefix + key
        fields.append(Field(name, type_html(value), key in required, prose(value.get("description", ""))))
        if "properties" in value:
            fields += fields_of(value, name + ".")
        elif "properties" in value.get("items", {}):
            fields += fields_of(value["items"], name + "[].")
    return fields


def resolve(node: dict) -> dict:
    while "$ref" in node:
        _, kind, name = node["$ref"].lstrip("#/").split("/")
        node = DOCUMENT["components"][kind][name]
    return node


def ref_name(node: dict) -> str:
    return node["$ref"].rsplit("/", 1)[1] if "$ref" in node else ""


def type_html(spec: dict) -> str:
    """A schema as a short type, in HTML (escaped here: the template marks it safe)."""
    if "$ref" in spec:
        name = escape(ref_name(spec))
        return f'<a href="#schema-{name}">{name}</a>'
    if "anyOf" in spec:
        return " | ".join(type_html(option) for option in spec["anyOf"])
    if "const" in spec:
        return f"<code>{escape(repr_json(spec['const']))}</code>"
    if "enum" in spec:
        return "one of " + ", ".join(f"<code>{escape(repr_json(v))}</code>" for v in spec["enum"])
    kind = spec.get("type", "object" if "properties" in spec else "any")
    kinds = kind if isinstance(kind, list) else [kind]
    if "array" in kinds:
        text = "array of " + type_html(spec.get("items", {}))
        if "maxItems" in spec:
            text += f" (at most {spec['maxItems']})"
        return text
    text = escape(" | ".join(kinds))
    details = []
    if "format" in spec:
        details.append(escape(spec["format"]))
    if "minimum" in spec and "maximum" in spec:
        details.append(f"{spec['minimum']}–{spec['maximum']}")
    elif "minimum" in spec or "maximum" in spec:
        details.append(f"≥ {spec['minimum']}" if "minimum" in spec else f"≤ {spec['maximum']}")
    if "maxLength" in spec:
        details.append(f"≤ {spec['maxLength']} characters")
    if "pattern" in spec and "format" not in spec:
        details.append(f"<code>{escape(spec['pattern'])}</code>")
    if "default" in spec:
        details.append(f"default <code>{escape(repr_json(spec['default']))}</code>")
    return text + (f" ({', '.join(details)})" if details else "")


def prose(text: str) -> str:
    """A description as HTML: escaped, its `code spans` as <code>."""
    return CODE_SPAN.sub(r"<code>\1</code>", escape(text))


def repr_json(value) -> str:
    return f'"{value}"' if isinstance(value, str) else str(value).lower() if isinstance(value, bool) else str(value)


def escape(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
