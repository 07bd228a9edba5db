"""The OpenAPI document: valid, complete, and true of the running app — checked by hand and by
Schemathesis fuzzing every GET operation of the real app over a real index."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from openapi_spec_validator import validate
from schemathesis import GenerationMode
from schemathesis.checks import CHECKS as REGISTERED_CHECKS
from schemathesis.specs.openapi.checks import positive_data_acceptance

from api_contract import contract_client, resolve
from searchsvc.search.request import MAX_PER_PAGE, MAX_QUERY_CHARS
from searchsvc.web import create_app
from searchsvc.web.openapi import DOCUMENT

# Per operation and mode: 9 operations with valid data, the 5 with query parameters also with invalid
# data (the others have none a client could get wrong: no invalid value can be generated), 560 requests.
FUZZ_EXAMPLES = 40


def positive_data_acceptance_but_grammar(ctx, response, case):
    """Every schema-valid request is accepted, except what no JSON Schema can state and the document
    says in words: a `q` whose syntax is wrong (an unclosed quote, `a*`: the query language is a
    grammar), and page × per_page past the result window (a rule across two parameters). Their 400
    names the parameter."""
    if response.status_code == 400 and case.query:
        problem = response.json()
        if problem.get("type") == "/api/problems/invalid-parameter" and (
                problem.get("parameter") == "q" and "q" in case.query
                or problem.get("parameter") == "page" and "results are served up to" in problem.get("detail", "")):
            return None
    return positive_data_acceptance(ctx, response, case)


# Every check Schemathesis has, the one above standing for its positive-data check.
CHECKS = [check for check in REGISTERED_CHECKS.get_all() if check is not positive_data_acceptance]
CHECKS.append(positive_data_acceptance_but_grammar)
PLAIN = {"Accept-Encoding": "identity"}


@pytest.fixture()
def client(seed_index):
    return contract_client(seed_index)


def test_the_document_is_valid_openapi_3_1():
    validate(DOCUMENT)
    assert DOCUMENT["openapi"].startswith("3.1")


def test_the_served_document_is_the_one_validated(client):
    assert client.get("/api/openapi.json").get_json() == DOCUMENT


def test_every_api_route_is_documented_and_every_documented_path_exists(seed_index):
    app = create_app({"INDEX_DIR": str(seed_index), "TESTING": True})
    routes = {rule.rule.replace("<", "{").replace(">", "}") for rule in app.url_map.iter_rules()
              if rule.rule.startswith("/api/")}
    assert routes == set(DOCUMENT["paths"])


def test_the_document_states_the_limits_the_code_enforces(client):
    parameters = DOCUMENT["components"]["parameters"]
    assert parameters["per_page"]["schema"]["maximum"] == MAX_PER_PAGE
    assert parameters["q"]["schema"]["maxLength"] == MAX_QUERY_CHARS
    assert set(parameters["sort"]["schema"]["enum"]) == {"relevance", "date", "date_asc"}
    assert client.get(f"/api/search?per_page={MAX_PER_PAGE}").status_code == 200
    assert client.get(f"/api/search?per_page={MAX_PER_PAGE + 1}").status_code == 400
    assert client.get("/api/search?q=" + "a" * MAX_QUERY_CHARS).status_code == 200
    assert client.get("/api/search?q=" + "a" * (MAX_QUERY_CHARS + 1)).status_code == 400


@pytest.fixture(scope="module")
def fuzzed_api(seed_index):
    app = create_app({"INDEX_DIR": str(seed_index), "TESTING": True})
    return schemathesis.openapi.from_wsgi("/api/openapi.json", app)


@pytest.mark.parametrize("path", list(DOCUMENT["paths"]))
def test_fuzzing_finds_no_server_error_and_no_answer_off_the_document(fuzzed_api, path):
    """Valid requests (positive) and invalid ones (negative) alike: never a 5xx, and every status,
    media type, header and body is the one documented."""
    operation = fuzzed_api[path]["GET"]
    queried = any(resolve(p)["in"] == "query" for p in DOCUMENT["paths"][path]["get"]["parameters"])
    sent = 0
    modes = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE) if queried else (GenerationMode.POSITIVE,)
    for mode in modes:
        @settings(max_examples=FUZZ_EXAMPLES, derandomize=True, database=None, deadline=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy(generation_mode=mode))
        def call(case):
            nonlocal sent
            case.call_and_validate(checks=CHECKS, headers=PLAIN)  # its WSGI client does not gunzip
            sent += 1

        call()
    assert sent >= FUZZ_EXAMPLES * len(modes)
