"""Light and dark appearance: one palette for widgets, one set of colours for the plots.

The appearance follows the system (Qt's colour-scheme hint) unless the person
picks Light or Dark in View > Appearance. Dataset colours (parties, categories,
eras) are kept in both; only the surfaces around them change.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from ..render.palette import DARK, LIGHT, Theme, contrast_ratio  # noqa: F401 - the theme's colours live there

APPEARANCES = ("system", "light", "dark")


def qcolor(theme: Theme, name: str) -> QColor:
    v = getattr(theme, name)
    return QColor(*v) if isinstance(v, tuple) else QColor(v)


def system_prefers_dark() -> bool:
    app = QGuiApplication.instance()
    if app is None:
        return False
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def theme_for(appearance: str) -> Theme:
    if appearance == "dark":
        return DARK
    if appearance == "light":
        return LIGHT
    return DARK if system_prefers_dark() else LIGHT


def palette(theme: Theme) -> QPalette:
    R = QPalette.ColorRole
    pal = QPalette()
    roles = {
        R.Window: theme.window, R.WindowText: theme.text, R.Base: theme.base, R.AlternateBase: theme.alt_base,
        R.Text: theme.text, R.Button: theme.button, R.ButtonText: theme.text, R.Highlight: theme.highlight,
        R.HighlightedText: theme.highlight_text, R.Link: theme.link, R.LinkVisited: theme.link,
        R.ToolTipBase: theme.base, R.ToolTipText: theme.text, R.PlaceholderText: theme.muted,
        R.BrightText: "#ff5555",
    }
    for role, color in roles.items():
        pal.setColor(role, QColor(color))
    for role in (R.WindowText, R.Text, R.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor(theme.muted))
    return pal


def style_sheet(theme: Theme) -> str:
    """A keyboard focus ring of 2 px on every focusable widget, and checkboxes visible in both themes."""
    return (
        f"QTextBrowser:focus, QTreeWidget:focus, QListWidget:focus, QTreeView:focus, QTableWidget:focus"
        f" {{ border: 2px solid {theme.focus}; }}"
        f" QLineEdit:focus, QComboBox:focus {{ border: 2px solid {theme.focus}; border-radius: 3px; padding: 1px; }}"
        f" QPushButton:focus, QToolButton:focus, QCheckBox:focus, QTabBar::tab:focus"
        f" {{ outline: none; border: 2px solid {theme.focus}; border-radius: 3px; }}"
        f" QCheckBox::indicator {{ border: 1px solid {theme.indicator}; background: {theme.base}; width: 13px; height: 13px; }}"
        f" QCheckBox::indicator:checked {{ background: {theme.highlight}; }}"
        f" QFrame#timeline {{ border: 2px solid transparent; border-radius: 3px; }}"
        f" QFrame#timeline[focused=\"true\"] {{ border: 2px solid {theme.focus}; }}"
    )


def apply_theme(app, theme: Theme) -> None:
    """Palette for widgets and defaults for plots created afterwards."""
    import pyqtgraph as pg

    app.setPalette(palette(theme))
    app.setStyleSheet(style_sheet(theme))
    pg.setConfigOptions(background=theme.base, foreground=theme.muted)
