"""The package's layers: each folder imports only from the folders below it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import facelift

PACKAGE = Path(facelift.__file__).parent

# bottom up: a folder imports only from folders below it
RANKS = {
    "base": 0,
    "format": 1,
    "play": 2,
    "output": 3,
    "practice": 4,
    "shell": 5,
    "commands": 6,
}
TOP = {"cli": 7, "__main__": 8, "__init__": 0}

CORE = [
    "facelift.format.loader",
    "facelift.format.library",
    "facelift.play.timeline",
    "facelift.play.player",
    "facelift.practice.store",
]


def _layer(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def _rank(layer: str) -> int:
    return RANKS.get(layer, TOP.get(layer, -1))


def _imported_layers(path: Path) -> set[str]:
    """The facelift layers a module imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module + "." + alias.name for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "facelift" and len(parts) > 1:
                found.add(parts[1])
    return found


def test_every_module_lives_in_a_known_layer() -> None:
    """A module is either one of the few at the top (cli, __main__) or inside a layer folder."""
    strays = [
        str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.py") if _rank(_layer(path)) < 0
    ]
    assert strays == []


def test_no_layer_imports_a_layer_above_or_beside_it() -> None:
    """Data flows one way: format -> play -> output -> practice -> shell -> commands -> cli."""
    upward = []
    for path in PACKAGE.rglob("*.py"):
        layer = _layer(path)
        for other in _imported_layers(path) - {layer}:
            if other in RANKS and _rank(other) >= _rank(layer):
                upward.append(f"{path.relative_to(PACKAGE)} imports facelift.{other}")
    assert upward == []


def test_the_core_imports_neither_rich_nor_typer_even_indirectly() -> None:
    """Loading the model, loader, timeline, player and store pulls in no terminal library."""
    code = (
        "import sys\n"
        + "".join(f"import {module}\n" for module in CORE)
        + "print(sorted(m for m in ('rich', 'typer', 'click') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def _module_name(path: Path) -> str:
    parts = ["facelift", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _loaded_with(path: Path, modules: set[str]) -> set[str]:
    """The facelift modules `path` imports as it loads: at its top level, not inside a
    function (imported when called) nor under `if TYPE_CHECKING:` (never run)."""
    found: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        found |= {name for name in names if name in modules}
    return found


def test_no_module_needs_itself_to_load() -> None:
    """No import cycle: following the imports a module runs as it loads never comes back
    to it, so any module can be imported first."""
    paths = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph = {name: _loaded_with(path, set(paths)) - {name} for name, path in paths.items()}
    cycles = []
    for start in graph:
        seen, todo = set(), list(graph[start])
        while todo:
            name = todo.pop()
            if name == start:
                cycles.append(start)
                break
            if name not in seen:
                seen.add(name)
                todo.extend(graph[name])
    assert cycles == []
