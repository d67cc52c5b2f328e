"""The About box: version, licences of the code, the bundled data and the bundled font."""

from __future__ import annotations

import platform

from ...core.model import Dataset
from ...render.html import esc


def about_html(version: str, ds: Dataset | None, qt_version: str = "", pyside_version: str = "") -> str:
    data = ""
    if ds is not None:
        lic = ds.license
        data = (f"<p><b>Open dataset:</b> {esc(ds.title)} — {len(ds.events)} events, "
                f"{len(ds.positions)} stances{(', licence: ' + esc(lic)) if lic else ''}.</p>")
        if ds.geo is not None and ds.geo.attribution:
            data += f"<p><b>Its map:</b> {esc(ds.geo.attribution)}</p>"
    runtime = ""
    if qt_version:
        runtime = (f"<p style='color:gray'>Qt {esc(qt_version)}, PySide6 {esc(pyside_version)}, "
                   f"Python {esc(platform.python_version())}</p>")
    return (
        f"<h3>Explorer {esc(version)}</h3>"
        "<p>A timeline explorer for long, disputed histories: scrub through time and see "
        "each side's position, with its reasons and sources.</p>"
        f"{data}"
        "<p><b>Licences</b></p><ul>"
        "<li>Explorer: MIT licence.</li>"
        "<li>Bundled dataset (“Japan and Russia: the missing peace treaty”): text CC BY 4.0; "
        "the facts come from the sources cited on each event and stance.</li>"
        "<li>Bundled font “Explorer Sans CJK”: a subset of Noto Sans CJK JP, © 2014–2021 Adobe, "
        "SIL Open Font License 1.1 (resources/fonts/OFL.txt).</li>"
        "<li>Map of the bundled dataset: made with Natural Earth, free vector and raster map data "
        "@ naturalearthdata.com (public domain), via world-atlas 2.0.2.</li>"
        "<li>Built with Qt for Python / PySide6 (LGPLv3), pyqtgraph (MIT), tomli (MIT), NumPy (BSD) "
        "and markdown-it-py (MIT).</li>"
        "</ul>"
        f"{runtime}"
    )
