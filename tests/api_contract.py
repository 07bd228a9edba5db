"""The API's answers checked against the OpenAPI document the app serves.

`contract_client` is a test client of the real app that checks every /api/ answer it receives: its
status is documented for that operation, its media type too, its required headers are there, and a
JSON body validates against the documented schema, with no undocumented field (the document must
list all that the code sends).
"""

from __future__ import annotations

import copy
import gzip
import json
import re
from functools import cache

import jsonschema
from flask.testing import FlaskClient

from searchsvc.web import create_app
from searchsvc.web.apidocs import resolve  # $ref → the component it names
from searchsvc.web.openapi import DOCUMENT

JSON_TYPES = ("application/json", "application/problem+json")


def contract_client(index_dir) -> FlaskClient:
    app = create_app({"INDEX_DIR": str(index_dir), "TESTING": True, "PUBLIC_URL": "http://localhost"})
    app.test_client_class = ContractClient
    return app.test_client()


class ContractClient(FlaskClient):
    def open(self, *args, **kwargs):
        response = super().open(*args, **kwargs)
        if response.request.path.startswith("/api/"):
            check_response(response)
        return response


def check_response(response) -> None:
    body = response.get_data()  # reads a streamed answer to its end, as a client would
    operation = find_operation(response.request.path)
    method = response.request.method
    if operation and method == "OPTIONS":  # CORS preflight: headers only
        return
    if operation is None or method not in ("GET", "HEAD"):  # no such route or method: a problem
        assert response.status_code in (404, 405), response.status_code
        assert response.mimetype == "application/problem+json"
        validate(json.loads(gunzip(response, body)), "Problem")
        return
    declared = operation["responses"].get(str(response.status_code))
    assert declared, f"{response.status_code} is not documented for {response.request.path}"
    declared = resolve(declared)
    for name, header in declared.get("headers", {}).items():
        if resolve(header).get("required"):
            assert name in response.headers, f"{name} missing from {response.request.path}"
    if response.status_code == 304 or method == "HEAD":
        assert body == b""
        return
    assert response.mimetype in declared["content"], f"{response.mimetype} not documented"
    if response.mimetype in JSON_TYPES:
        schema = declared["content"][response.mimetype]["schema"]["$ref"].rsplit("/", 1)[1]
        validate(json.loads(gunzip(response, body)), schema)


def gunzip(response, body: bytes) -> bytes:
    return gzip.decompress(body) if response.headers.get("Content-Encoding") == "gzip" else body


def validate(instance, schema_name: str) -> None:
    validator(schema_name).validate(instance)


@cache
def validator(schema_name: str) -> jsonschema.Draft202012Validator:
    """The named schema with the components beside it (so #/components/… resolves), strict."""
    schema = {"$ref": f"#/components/schemas/{schema_name}", "components": strict(DOCUMENT["components"])}
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def strict(components: dict) -> dict:
    """A copy where objects admit no property the document does not name."""
    components = copy.deepcopy(components)

    def close(node):
        if isinstance(node, dict):
            if node.get("type") == "object" and "properties" in node:
                node.setdefault("additionalProperties", False)
            for value in node.values():
                close(value)
        elif isinstance(node, list):
            for value in node:
                close(value)

    close(components["schemas"])
    return components


def find_operation(path: str) -> dict | None:
    for template, item in DOCUMENT["paths"].items():
        if re.fullmatch(re.sub(r"\\{\w+\\}", "[^/]+", re.escape(template)), path):
            return item["get"]
    return None


