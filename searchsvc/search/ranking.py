"""How matches are ordered: BM25F over title and body, plus what tells that an announcement is
*about* the query rather than mentioning its words in passing.

    score = BM25F(title × TITLE_WEIGHT, body)          search.matching, per clause
          + PROXIMITY_WEIGHT × share of the query's neighbouring words found close together
          + ENTITY_WEIGHT × share of the named entities (persons, countries, topics) it is tagged with
    alias expansions count ALIAS_WEIGHT of a typed word, per word of the expansion

Weights were chosen on the development collections as a whole (topical-dev nDCG@10 and
queries-dev MRR@10 together, a few values each, the plateau's middle kept), never on single needs.
"""

from __future__ import annotations

ALIAS_WEIGHT = 0.8  # a name the journalist did not type (Türkiye for Turquie) counts a bit less; per
# word, so a long spelled-out name does not outweigh the one word typed (0.6–1.0: same figures)
