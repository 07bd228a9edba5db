"""Many words as one regex: factored as a trie, so that the regex engine tries each text position once.

Shared by the place and topic finders (metadata/places.py, metadata/topics.py) and the English-line
test (sentences.py), which all look for one of many words in every text.
"""
from __future__ import annotations

import re


def trie_pattern(words) -> str:
    """One regex for many words, factored as a trie (`bosnie(?:-herzegovine)?`): the regex engine
    then tries each text position once instead of once per word, and still prefers the longest."""
    trie: dict = {}
    for word in words:  # a trailing `*` stands for any word ending
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch and ch != "*"]
        if "*" in node:  # `terroris*`: any ending, tried after the longer words
            branches.append(r"\w*")
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a word ends here; longer words go first (greedy `?`)
            return ("(?:" + body + ")?") if len(branches) == 1 else body + "?"
        return body

    return build(trie)
