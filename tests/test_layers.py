"""The layers hold: each package imports only from layers below it, core and render are Qt-free,
no module imports in a cycle, and no module grows past 400 lines.

    core < interop < render < export < ui < commands

(`resources` and `__init__` are at the bottom; `qt_fonts` sits with export: QtGui only.)
"""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "explorer"
LAYERS = ["core", "interop", "render", "export", "ui", "commands"]
LEVEL = {"resources": -1, "__init__": -1, "__main__": 6, "qt_fonts": 3, **{name: i for i, name in enumerate(LAYERS)}}
QT = ("PySide6", "pyqtgraph", "shiboken6")


def modules() -> dict[str, Path]:
    return {".".join(p.relative_to(SRC.parent).with_suffix("").parts).removesuffix(".__init__"): p
            for p in SRC.rglob("*.py")}


def imports_of(name: str, path: Path) -> set[str]:
    """Every explorer module `name` imports, at any depth of the file (lazy imports count)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("explorer"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            if mod.startswith("explorer"):
                out.add(mod)
                out.update(f"{mod}.{a.name}" for a in node.names)
    return out


def third_party_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            out.add(node.module.split(".")[0])
    return out


def layer(module: str) -> int:
    parts = module.split(".")
    return LEVEL[parts[1]] if len(parts) > 1 else -1


def edges() -> dict[str, set[str]]:
    mods = modules()
    graph = {}
    for name, path in mods.items():
        graph[name] = {m for m in imports_of(name, path) if m in mods and m != name}
    return graph


def test_each_layer_imports_only_downwards():
    bad = [f"{a} imports {b}" for a, targets in edges().items() for b in targets if layer(b) > layer(a)]
    assert not bad, "\n".join(bad)


def test_the_check_fails_on_an_upward_import(tmp_path):
    """The rule itself: `import explorer.ui` in core or export would be reported."""
    for where in ("core", "export"):
        name = f"explorer.{where}.bad"
        f = tmp_path / "bad.py"
        f.write_text("import explorer.ui.shell.main_window\nfrom ..ui import theme\n")
        found = imports_of(name, f)
        assert any(layer(m) > layer(name) for m in found if m.startswith("explorer.ui")), found


def test_core_and_render_never_use_qt():
    for path in [*(SRC / "core").rglob("*.py"), *(SRC / "render").rglob("*.py"), *(SRC / "interop").rglob("*.py")]:
        assert not third_party_of(path) & set(QT), path


def test_core_imports_no_qt_at_run_time():
    code = (
        "import sys, explorer.core.loading, explorer.core.loading.parse, explorer.core.session, explorer.core.query,"
        " explorer.core.stances, explorer.core.markup, explorer.render.event_html, explorer.render.stance_html,"
        " explorer.interop, explorer.interop.timelinejs, explorer.interop.sheet_csv, explorer.interop.thetimeline;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph', 'shiboken6')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_no_import_cycles():
    """Module-level imports only (a lazy import inside a function cannot make an import cycle fail)."""
    mods = modules()
    graph = {}
    for name, path in mods.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top = "\n".join(ast.unparse(n) for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom)))
        found = imports_of_source(name, path, top)
        graph[name] = {m for m in found if m in mods and m != name and not _is_parent(m, name)}
    seen, stack, cycles = set(), [], []

    def visit(n):
        if n in stack:
            cycles.append(stack[stack.index(n):] + [n])
            return
        if n in seen:
            return
        seen.add(n)
        stack.append(n)
        for m in sorted(graph[n]):
            visit(m)
        stack.pop()

    for n in sorted(graph):
        visit(n)
    assert not cycles, "\n".join(" -> ".join(c) for c in cycles)


def _is_parent(package: str, module: str) -> bool:
    return module.startswith(package + ".")


def imports_of_source(name: str, path: Path, source: str) -> set[str]:
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as fh:
        fh.write(source)
    tmp = Path(fh.name)
    try:  # the package is found from `name`: an __init__'s package is the module itself
        return imports_of(name, tmp) if path.name != "__init__.py" else imports_of(name + "._", tmp)
    finally:
        tmp.unlink()


@pytest.mark.parametrize("limit", [400])
def test_no_module_is_too_long(limit):
    long = {str(p.relative_to(SRC)): n for p in SRC.rglob("*.py") if (n := len(p.read_text().splitlines())) > limit}
    assert not long, long
    assert len((SRC / "ui" / "shell" / "main_window.py").read_text().splitlines()) < 300
