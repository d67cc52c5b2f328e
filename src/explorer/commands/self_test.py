"""`explorer self-test`: exercise the installed app end to end and report."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def run(args) -> int:
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    steps: list[tuple[str, bool, str]] = []

    def check(name: str, ok: bool, detail: str = "") -> bool:
        steps.append((name, ok, detail))
        print(f"{'ok  ' if ok else 'FAIL'} {name}{': ' + detail if detail else ''}")
        return ok

    try:
        from PySide6.QtCore import QSettings

        from ..core.dates import Date
        from ..core.query import Filter, SearchIndex
        from ..export.cards import CardOptions, export_cards
        from ..resources import bundled_dataset
        from ..ui.shell.app import make_app
        from ..ui.shell.main_window import MainWindow

        app = make_app()
        with tempfile.TemporaryDirectory() as tmp:
            win = MainWindow(QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat))
            if not check("load the bundled dataset", win.open_dataset(bundled_dataset())):
                return 1
            win.resize(1200, 800)
            win.show()
            app.processEvents()
            s = win.session
            s.select_id("joint-declaration-1956")
            check("select an event", "Joint Declaration" in win.detail.toPlainText())
            s.set_cursor(Date.parse("1958").start)
            before = s.positions_now()["russia"]
            s.set_cursor(Date.parse("1960-06").start)
            after = s.positions_now()["russia"]
            check("scrub across a change of stance", before is not after and "russia" in win.positions.highlighted)
            s.set_filter(Filter(query="neutrality pact"))
            hits = s.matches or []
            check("search", len(hits) >= 2 and hits == SearchIndex(s.dataset).search("neutrality pact"),
                  f"{len(hits)} matches for 'neutrality pact'; {win.search_bar.count.text()}")
            s.set_filter(Filter())
            out = Path(tmp) / "cards.pdf"
            pages = export_cards(win.dataset, win.dataset.events[:3], out, CardOptions("A4", 1))
            data = out.read_bytes()
            check("export cards to PDF", data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF") and pages == 3,
                  f"{pages} pages, {len(data)} bytes")
            from ..qt_fonts import FAMILY

            check("bundled font registered", FAMILY in win.font().families() or FAMILY in app.font().families())
            win.positions.settle()
            win.close()
    except Exception as e:  # report, never a traceback
        check("unexpected error", False, f"{type(e).__name__}: {e}")
    failed = [s for s in steps if not s[1]]
    print("self-test passed" if not failed else f"self-test FAILED: {', '.join(s[0] for s in failed)}")
    return 1 if failed else 0
