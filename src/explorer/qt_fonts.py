"""Register the bundled font so Japanese and Cyrillic text never shows empty boxes.

The bundled "Explorer Sans CJK" (a subset of Noto Sans CJK JP, see
resources/fonts/OFL.txt) is added after the system's UI font: the system font
draws what it can and ours fills in the glyphs it lacks. Used by the app and by
the PDF export, so a fresh machine without CJK fonts still renders the dataset.
"""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase, QFontInfo, QGuiApplication

from .resources import resource_root

FAMILY = "Explorer Sans CJK"
_installed: list[str] = []


def install_fonts(app: QGuiApplication) -> list[str]:
    """Register the bundled fonts once and append them to the app font's families."""
    if not _installed:
        for path in sorted((resource_root() / "fonts").glob("*.otf")):
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id >= 0:
                for fam in QFontDatabase.applicationFontFamilies(font_id):
                    if fam not in _installed:
                        _installed.append(fam)
    font = app.font()
    # a generic name such as "Sans Serif" is not a family of its own: resolve it
    # first, or Qt would skip it and draw all Latin text with the fallback
    resolved = QFontInfo(font).family()
    families = [f for f in [resolved, *(font.families() or [font.family()])] if f not in _installed]
    families = list(dict.fromkeys(families))
    font.setFamilies(families + _installed)
    app.setFont(font)
    return list(_installed)
