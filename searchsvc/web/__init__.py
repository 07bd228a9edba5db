"""The Flask app: JSON API for programs, French pages for people."""

from __future__ import annotations

from flask import Flask

from searchsvc import config
from searchsvc.search import SearchService

# The JSON contract's version (OpenAPI info.version). Bump it when an answer changes: ETags include
# it, so clients holding an older answer fetch the new one.
API_VERSION = "1.2.0"


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__)
    app.config.from_mapping(INDEX_DIR=str(config.index_dir()), RATE_LIMIT=config.rate_limit())
    if test_config:
        app.config.update(test_config)
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    app.extensions["search"] = SearchService(app.config["INDEX_DIR"])

    from searchsvc.web import api, errors, guards, http, metrics, pages

    app.register_blueprint(api.blueprint)
    app.register_blueprint(pages.blueprint)
    errors.register(app)
    guards.register(app)
    http.register(app)
    metrics.register(app)
    return app
