"""What the results page says it did to a query it could not read as written.

The search box reads a query with a syntax error as plain words (search.query.parse, strict=False)
so that a journalist never meets an error page; this says so, and which words were searched.
"""

from __future__ import annotations

from searchsvc.search import RequestError
from searchsvc.search.query import MAX_CLAUSES, MIN_PREFIX, PLAIN_WORD, parse
from searchsvc.web.french import quoted

# The parser's reasons (English, for the API's 400) in French, by how they begin; others get OTHER.
REASONS = {
    "a quotation mark is not closed": "un guillemet n’est pas fermé",
    "OR cannot join an exclusion": "« OR » ne peut pas relier un mot exclu (-mot)",
    "OR needs a word on each side": "« OR » demande un mot de chaque côté",
    "the query has more than": f"elle compte plus de {MAX_CLAUSES} mots ou expressions",
    "a field prefix needs a value": "un préfixe de champ (comme personne:) n’est suivi d’aucune valeur",
    "* is allowed once": "« * » ne s’emploie qu’une fois, à la fin d’un mot",
    "a prefix needs at least": f"un mot tronqué demande au moins {MIN_PREFIX} lettres avant « * »",
}
OTHER = "sa syntaxe n’a pas été comprise"


def read_as_words(q: str) -> list[str]:
    """A notice when `q` holds a syntax error: why, and the words that were searched instead."""
    if not q.strip():
        return []
    try:
        parse(q, strict=True)
        return []
    except RequestError as problem:
        reason = next((french for start, french in REASONS.items() if problem.detail.startswith(start)), OTHER)
    words = PLAIN_WORD.findall(q)[:MAX_CLAUSES]
    read = (f"les mots {quoted(' '.join(words))} ont été cherchés, sans guillemets ni opérateurs"
            if words else "aucun mot n’a pu être cherché")
    return [f"Dans votre recherche, {reason} : {read}."]
