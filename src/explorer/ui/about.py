"""The About box text."""

from __future__ import annotations

from ..core.model import Dataset
from .html_parts import esc


def about_html(version: str, ds: Dataset | None) -> str:
    data = ""
    if ds is not None:
        data = (f"<p><b>Dataset:</b> {esc(ds.title)} — {len(ds.events)} events, "
                f"{len(ds.positions)} stances.</p>")
    return (
        f"<h3>Explorer {esc(version)}</h3>"
        "<p>A timeline explorer for long, disputed histories: scrub through time and see "
        "each side's position, with its reasons and sources.</p>"
        f"{data}"
        "<p>Licence: MIT. The bundled dataset text is CC BY 4.0; facts are taken from the sources "
        "cited on each event. Built with Qt for Python (LGPLv3), pyqtgraph (MIT), tomli (MIT) and NumPy (BSD).</p>"
    )
