import subprocess
import sys


def test_core_imports_no_qt():
    code = (
        "import sys, explorer.core, explorer.core.loader, explorer.core.query, explorer.core.markup,"
        " explorer.core.cache, explorer.interop, explorer.interop.timelinejs, explorer.interop.sheet_csv,"
        " explorer.interop.thetimeline;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph', 'shiboken6')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_core_sources_do_not_mention_qt():
    from pathlib import Path

    import explorer.core
    import explorer.interop

    files = [*Path(explorer.core.__file__).parent.glob("*.py"), *Path(explorer.interop.__file__).parent.glob("*.py")]
    for f in files:
        text = f.read_text()
        for bad in ("import PySide6", "from PySide6", "import pyqtgraph", "from pyqtgraph"):
            assert bad not in text, f
