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
    "cli": 7,
    "__main__": 8,
}
TOP = {"__init__": 0}

# The libraries each layer may use besides the standard library (the YAML parser in the
# format layer alone, Typer in the command line alone); docs/architecture.md says the same.
LIBRARIES = {
    "base": {"platformdirs"},
    "format": {"yaml"},
    "play": set(),
    "output": {"rich", "icalendar", "lameenc", "mutagen", "simpleaudio"},
    "practice": set(),
    "shell": {"rich", "tomli"},
    "commands": {"rich"},
    "cli": {"typer"},
    "__main__": set(),
    "__init__": set(),
}

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


def _imports(path: Path) -> list[ast.Import | ast.ImportFrom]:
    return [
        n
        for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(n, (ast.Import, ast.ImportFrom))
    ]


def test_every_import_names_its_module_in_full() -> None:
    """No relative import: every arrow between layers can be read (and checked) as written."""
    relative = [
        f"{path.relative_to(PACKAGE)}:{node.lineno}"
        for path in PACKAGE.rglob("*.py")
        for node in _imports(path)
        if isinstance(node, ast.ImportFrom) and node.level
    ]
    assert relative == []


def test_each_layer_uses_only_its_own_libraries() -> None:
    """YAML is read in the format layer only, Typer is met in the command line only, Rich
    draws from the output layer up; the core needs nothing else."""
    foreign = []
    for path in PACKAGE.rglob("*.py"):
        allowed = LIBRARIES[_layer(path)] | {"facelift", "__future__"}
        for node in _imports(path):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
            )
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top not in allowed:
                    foreign.append(f"{path.relative_to(PACKAGE)}:{node.lineno} imports {top}")
    assert foreign == []


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
