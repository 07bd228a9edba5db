"""searchsvc/web imports one way: no loop between its modules, not even one hidden in a function
(`create_app` once imported its blueprints inside itself because http.py imported the package back)."""

from __future__ import annotations

import ast
from pathlib import Path

WEB = Path(__file__).resolve().parents[1] / "searchsvc" / "web"


def web_imports(path: Path) -> set[str]:
    """The web modules `path` imports, at the top or inside a function."""
    modules = {p.stem for p in WEB.glob("*.py")} - {"__init__"}
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "searchsvc.web":
            found |= {a.name if a.name in modules else "__init__" for a in node.names}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("searchsvc.web."):
            found.add(node.module.split(".")[2])
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[2] for a in node.names if a.name.startswith("searchsvc.web.")}
    return found - {path.stem}


def test_no_import_loop_in_web():
    graph = {p.stem: web_imports(p) for p in WEB.glob("*.py")}
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> None:
        assert module not in path, "import loop: " + " → ".join(path[path.index(module):] + (module,))
        if module in done:
            return
        for imported in graph.get(module, ()):
            visit(imported, path + (module,))
        done.add(module)

    assert {"pages", "views", "state", "french"} <= graph.keys()
    for module in graph:
        visit(module, ())
