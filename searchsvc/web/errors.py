"""Every error a client can cause, answered clearly: problem+json for the API, French for people.

Never a stack trace: an unexpected failure is logged and answered with a plain 500.
"""

from __future__ import annotations

from flask import Flask, current_app, make_response, render_template, request
from werkzeug.exceptions import HTTPException

from searchsvc.search import IndexDamaged, IndexMissing, RequestError

FRENCH_TITLES = {404: "Page introuvable", 405: "Méthode non autorisée", 400: "Requête incorrecte",
                 413: "Requête trop volumineuse", 414: "Adresse trop longue", 429: "Trop de requêtes",
                 503: "Service indisponible"}


def problem(status: int, title: str, detail: str, parameter: str | None = None, type_: str = "about:blank"):
    body = {"type": type_, "title": title, "status": status, "detail": detail}
    if parameter:
        body["parameter"] = parameter
    response = current_app.json.response(body)
    response.status_code = status
    response.mimetype = "application/problem+json"
    return response


def wants_json() -> bool:
    return request.path.startswith("/api/")


def register(app: Flask) -> None:
    @app.errorhandler(RequestError)
    def bad_parameter(error: RequestError):
        if wants_json():
            return problem(400, "Invalid parameter", error.detail, error.parameter, "/api/problems/invalid-parameter")
        return page(400, "Un paramètre de la recherche n’est pas valide : " + error.detail)

    @app.errorhandler(IndexMissing)
    def no_index(error: IndexMissing):
        damaged = isinstance(error, IndexDamaged)
        if wants_json():
            return problem(503, "Index damaged" if damaged else "Index not available", str(error),
                           type_="/api/problems/index-damaged" if damaged else "/api/problems/index-missing")
        if damaged:
            return page(503, "L’index de recherche est endommagé : il doit être reconstruit "
                             "(python -m searchsvc index). Réessayez un peu plus tard.")
        return page(503, "L’index n’est pas encore construit. Réessayez dans un instant.")

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if wants_json():
            response = problem(error.code or 500, error.name, error.description or error.name)
        else:
            response = page(error.code or 500, french_detail(error.code))
        if error.code == 405 and getattr(error, "valid_methods", None):
            response.headers["Allow"] = ", ".join(error.valid_methods)
        return response

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        app.logger.exception("unexpected error on %s", request.path)
        if wants_json():
            return problem(500, "Internal Server Error", "the server could not answer this request")
        return page(500, "Une erreur inattendue s’est produite. Réessayez ; si elle persiste, prévenez-nous.")


def french_detail(code: int | None) -> str:
    return {404: "Cette page n’existe pas.",
            405: "Cette adresse ne s’utilise pas ainsi.",
            413: "La requête est trop volumineuse.",
            414: "L’adresse est trop longue : raccourcissez la recherche."}.get(code, "La requête n’a pas abouti.")


def page(status: int, message: str):
    title = FRENCH_TITLES.get(status, "Erreur")
    return make_response(render_template("error.html", title=title, message=message), status)
