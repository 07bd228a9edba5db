"""The Flask app: JSON API for programs, French pages for people."""

from __future__ import annotations

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from searchsvc import config
from searchsvc.search import SearchService
from searchsvc.search.quotes import QuoteService
from searchsvc.web import (api, errors, exports, guards, http, metrics, pages, persons,  # noqa: F401 (routes)
                           quote_pages, quotes)


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__)
    app.config.from_mapping(INDEX_DIR=str(config.index_dir()), RATE_LIMIT=config.rate_limit(),
                            PROXY_HOPS=config.proxy_hops(), METRICS_PUBLIC=config.metrics_public(),
                            PUBLIC_URL=config.public_url(), EXPORT_SLOTS=config.export_slots())
    if test_config:
        app.config.update(test_config)
    if app.config["PROXY_HOPS"]:  # behind nginx: the client is the address the proxy saw
        hops = app.config["PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    app.extensions["search"] = SearchService(app.config["INDEX_DIR"])
    app.extensions["quotes"] = QuoteService(app.config["INDEX_DIR"])
    app.extensions["export_slots"] = exports.ExportSlots(app.config["EXPORT_SLOTS"])

    app.register_blueprint(api.blueprint)
    app.register_blueprint(pages.blueprint)
    errors.register(app)
    guards.register(app)
    http.register(app)
    metrics.register(app)
    return app
