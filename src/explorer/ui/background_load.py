"""Load a big dataset in a worker process, with a progress dialog and Cancel.

Small datasets load in-process (faster than starting a process). Big ones go to
`explorer _load-worker` (see core/load_worker.py): the window keeps painting
while a file is parsed, and Cancel ends the worker at once.
"""

from __future__ import annotations

import os
import pickle
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QProcess, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..core.cache import cached, load_cached, read_entry
from ..core.files import LoadResult, dataset_files
from ..core.problems import Problem

BACKGROUND_LOAD_BYTES = 8 * 2**20  # datasets this big load in a worker process


def dataset_bytes(path: Path) -> int:
    try:
        if path.is_dir():
            files, _ = dataset_files(path)
            return sum(f.stat().st_size for f in files if f.is_file())
        return path.stat().st_size if path.exists() else 0
    except OSError:
        return 0


def worker_command(path: Path, out: Path) -> tuple[str, list[str]]:
    if getattr(sys, "frozen", False):  # the PyInstaller bundle: the executable is `explorer` itself
        return sys.executable, ["_load-worker", str(path), str(out)]
    return sys.executable, ["-m", "explorer", "_load-worker", str(path), str(out)]


def load_with_progress(path: Path, parent: QWidget | None) -> LoadResult | None:
    """The load result, or None when the person cancelled."""
    path = Path(path)
    if dataset_bytes(path) < BACKGROUND_LOAD_BYTES:
        return load_cached(path)
    hit = cached(path)  # re-opening 100,000 unchanged events takes ~0.3 s: no worker needed
    if hit is not None:
        return hit
    with tempfile.TemporaryDirectory(prefix="explorer-load-") as tmp:
        out = Path(tmp) / "result.pickle"
        proc = QProcess(parent)
        program, args = worker_command(path, out)
        env = proc.processEnvironment()
        if env.isEmpty():
            from PySide6.QtCore import QProcessEnvironment

            env = QProcessEnvironment.systemEnvironment()
        src = str(Path(__file__).resolve().parents[2])  # running from a checkout: the worker finds the package
        if not getattr(sys, "frozen", False):
            env.insert("PYTHONPATH", os.pathsep.join(p for p in (src, env.value("PYTHONPATH")) if p))
        proc.setProcessEnvironment(env)
        dlg = QProgressDialog(f"Loading {path.name}…", "Cancel", 0, 1000, parent)
        dlg.setWindowTitle("Opening dataset")
        dlg.setWindowModality(Qt.WindowModality.WindowModal)
        dlg.setMinimumDuration(300)
        dlg.setValue(0)
        state = {"answer": None, "cancelled": False, "buf": b""}
        loop = QEventLoop()

        def read() -> None:
            state["buf"] += bytes(proc.readAllStandardOutput().data())
            *lines, state["buf"] = state["buf"].split(b"\n")
            for line in lines:
                kind, _, rest = line.decode("utf-8", "replace").partition(" ")
                if kind == "progress":
                    done, total = (int(x) for x in rest.split())
                    dlg.setValue(int(1000 * done / total) if total else 0)
                    dlg.setLabelText(f"Loading {path.name}… {done / 2**20:.0f} of {total / 2**20:.0f} MB")
                elif kind in ("entry", "result"):
                    state["answer"] = (kind, rest.strip())

        def cancel() -> None:
            state["cancelled"] = True
            proc.kill()

        proc.readyReadStandardOutput.connect(read)
        proc.finished.connect(lambda *_: loop.quit())
        proc.errorOccurred.connect(lambda *_: loop.quit() if proc.state() == QProcess.ProcessState.NotRunning else None)
        dlg.canceled.connect(cancel)
        proc.start(program, args)
        if not proc.waitForStarted(10_000):
            dlg.canceled.disconnect(cancel)
            dlg.close()
            return load_cached(path)  # no worker possible: load here
        loop.exec()
        read()
        dlg.canceled.disconnect(cancel)  # closing a QProgressDialog emits canceled()
        dlg.close()
        if state["cancelled"]:
            return None
        answer = state["answer"]
        if answer is None:
            err = bytes(proc.readAllStandardError().data()).decode("utf-8", "replace").strip().splitlines()
            detail = err[-1] if err else f"exit code {proc.exitCode()}"
            return LoadResult(None, [Problem(path.name, f"loading stopped unexpectedly ({detail})")])
        kind, where = answer
        files = dataset_files(path)[0] if path.is_dir() else [path]
        if kind == "entry":
            hit = read_entry(Path(where), path, files)
            if hit is not None:
                return hit
            return load_cached(path)
        with open(where, "rb") as fh:
            result = pickle.load(fh)
        result.files = files
        return result
