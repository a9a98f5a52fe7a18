"""The shape of the code: imports flow one way, click lives only in the CLI.

Walks the AST of every module of the package (imports inside functions
count, ``if TYPE_CHECKING:`` blocks do not, since they never run) and fails
on an import cycle, on an import that goes up the layers, or on click outside
``mtfix/cli/``. Importing a module of a sub-package runs that package's
``__init__`` first, so that edge counts too (except for the root package,
whose own imports are the library facade).
"""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "mtfix"

#: Lower layers never import higher ones (issue #10): cli → review/report/
#: evaluate/decisions → engine → rules/detectors/lm/grammar → the leaves.
LAYERS: dict[str, int] = {
    **dict.fromkeys(["errors", "model", "document", "textio", "yamlio", "config", "settings", "settings_lt",
                     "settings_lm", "settings_fields",
                     "lexicon", "resolve", "diff", "worddiff", "serialize", "corpus", "spans", "data",
                     "markup", "anchors"], 0),
    **dict.fromkeys(["rules", "detectors", "lm", "grammar"], 1),
    "engine": 2,
    **dict.fromkeys(["review", "report", "apply", "evaluate", "decisions", "render", "distributed"], 3),
    "cli": 4,
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PKG.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    t = node.test
    return (isinstance(t, ast.Name) and t.id == "TYPE_CHECKING") or (
        isinstance(t, ast.Attribute) and t.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST):
    """Every import node that can run (TYPE_CHECKING blocks left out)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                stack.extend(child.orelse)
                continue
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                yield child
            stack.append(child)


def _resolve(mod: str, is_pkg: bool, node: ast.AST, known: set[str]) -> set[str]:
    """The mtfix modules an import statement loads."""
    out: set[str] = set()
    if isinstance(node, ast.Import):
        for alias in node.names:
            if alias.name == "mtfix" or alias.name.startswith("mtfix."):
                out.add(alias.name)
        return out
    if node.level:
        base = mod.split(".") if is_pkg else mod.split(".")[:-1]
        base = base[: len(base) - (node.level - 1)]
        target = ".".join(base + ([node.module] if node.module else []))
    else:
        target = node.module or ""
    if not (target == "mtfix" or target.startswith("mtfix.")):
        return out
    for alias in node.names:
        sub = f"{target}.{alias.name}"
        out.add(sub if sub in known else target)
    return out


def _graph() -> tuple[dict[str, set[str]], dict[str, set[str]], dict[str, list[str]]]:
    """(explicit import edges, edges with parent packages added, click importers)."""
    mods = _modules()
    known = set(mods)
    explicit: dict[str, set[str]] = {m: set() for m in mods}
    click_users: dict[str, list[str]] = {}
    for mod, path in mods.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in _imports(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            if any(n == "click" or n.startswith("click.") for n in names) and not getattr(node, "level", 0):
                click_users.setdefault(mod, []).append(f"line {node.lineno}")
            for target in _resolve(mod, path.name == "__init__.py", node, known):
                if target != mod and target in known:
                    explicit[mod].add(target)
    full = {m: set(e) for m, e in explicit.items()}
    for mod, targets in explicit.items():
        for t in list(targets):
            parts = t.split(".")
            for i in range(2, len(parts)):  # mtfix.a.b loads mtfix.a first (not the root)
                parent = ".".join(parts[:i])
                if parent != mod and parent in known and not mod.startswith(parent + "."):
                    full[mod].add(parent)
    return explicit, full, click_users


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10000))
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def _layer(mod: str) -> int | None:
    parts = mod.split(".")
    return LAYERS.get(parts[1]) if len(parts) > 1 else None


def test_no_import_cycles():
    _explicit, full, _ = _graph()
    cycles = _cycles(full)
    assert not cycles, "import cycles (imports inside functions count):\n" + "\n".join(
        " <-> ".join(c) for c in cycles)


def test_click_only_in_the_cli_layer():
    _, _, users = _graph()
    outside = {m: lines for m, lines in users.items() if not m.startswith("mtfix.cli")}
    assert not outside, f"click imported outside mtfix/cli/: {outside}"


def test_every_module_has_a_layer():
    missing = [m for m in _modules() if m != "mtfix" and m != "mtfix.__main__" and _layer(m) is None]
    assert not missing, f"modules with no layer in tests/test_architecture.py LAYERS: {missing}"


def test_imports_flow_down_the_layers():
    explicit, _, _ = _graph()
    upward = []
    for mod, targets in explicit.items():
        lo = _layer(mod)
        if lo is None:
            continue
        for t in targets:
            hi = _layer(t)
            if hi is not None and hi > lo:
                upward.append(f"{mod} (layer {lo}) imports {t} (layer {hi})")
    assert not upward, "imports that go up the layers:\n" + "\n".join(sorted(upward))


def test_the_detector_of_a_cycle_works():
    """The checker itself: a two-module cycle is found, a chain is not."""
    assert _cycles({"a": {"b"}, "b": {"a"}, "c": {"a"}}) == [["a", "b"]]
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


@pytest.mark.parametrize("code", [
    "import mtfix, sys; mtfix.load(lm=False, grammar=False).check('x'); "
    "assert 'click' not in sys.modules, 'click'; assert 'torch' not in sys.modules, 'torch'",
    "import sys, mtfix.engine, mtfix.settings, mtfix.rules; assert 'click' not in sys.modules",
])
def test_library_path_imports_no_click_or_torch(code):
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=120)
    assert out.returncode == 0, out.stderr


def test_modules_stay_small_or_say_why():
    """No module over ~400 lines without a reason stated at its top."""
    long = []
    for mod, path in _modules().items():
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > 420 and "Longer than" not in text[:3000]:
            long.append(f"{mod}: {text.count(chr(10))} lines")
    assert not long, "modules over ~400 lines with no 'Longer than ...' reason in their docstring: " + \
        ", ".join(long)
