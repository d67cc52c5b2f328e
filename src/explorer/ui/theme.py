"""Light and dark appearance: one palette for widgets, one set of colours for the plots.

The appearance follows the system (Qt's colour-scheme hint) unless the person
picks Light or Dark in View > Appearance. Dataset colours (parties, categories,
eras) are kept in both; only the surfaces around them change.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

APPEARANCES = ("system", "light", "dark")


@dataclass(frozen=True)
class Theme:
    dark: bool
    window: str
    base: str  # text areas and plots
    alt_base: str
    text: str
    muted: str
    button: str
    highlight: str
    highlight_text: str
    link: str
    grid_alpha: float
    lane_line: tuple[int, int, int, int]
    halo: tuple[int, int, int, int]
    era_alpha: int
    bars: tuple[int, int, int, int]
    banner_bg: str
    banner_text: str
    focus: str

    def qcolor(self, name: str) -> QColor:
        v = getattr(self, name)
        return QColor(*v) if isinstance(v, tuple) else QColor(v)


LIGHT = Theme(
    dark=False, window="#f3f4f6", base="#ffffff", alt_base="#f7f7f9", text="#1d2026", muted="#5b6270",
    button="#eceef1", highlight="#2f6fbf", highlight_text="#ffffff", link="#1f5fae", grid_alpha=0.12,
    lane_line=(0, 0, 0, 40), halo=(255, 255, 255, 215), era_alpha=150, bars=(70, 90, 120, 190),
    banner_bg="#fff3b0", banner_text="#000000", focus="#2f6fbf",
)
DARK = Theme(
    dark=True, window="#1f2126", base="#16181c", alt_base="#1c1f24", text="#e6e8eb", muted="#a3aab5",
    button="#2b2e35", highlight="#4d8fe0", highlight_text="#ffffff", link="#8cc0ff", grid_alpha=0.18,
    lane_line=(255, 255, 255, 45), halo=(22, 24, 28, 215), era_alpha=55, bars=(140, 170, 215, 200),
    banner_bg="#5a4a00", banner_text="#fff6cc", focus="#8cc0ff",
)


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
    """Visible keyboard focus where Fusion shows none: text panes, lists and the timeline.

    (Fusion already rings focused line edits, combo boxes and buttons.)"""
    return (
        f"QTextBrowser:focus, QTreeWidget:focus, QListWidget:focus, QTreeView:focus"
        f" {{ border: 2px solid {theme.focus}; }}"
        f" QFrame#timeline {{ border: 2px solid transparent; border-radius: 3px; }}"
        f" QFrame#timeline[focused=\"true\"] {{ border: 2px solid {theme.focus}; }}"
    )


def apply_theme(app, theme: Theme) -> None:
    """Palette for widgets and defaults for plots created afterwards."""
    import pyqtgraph as pg

    app.setPalette(palette(theme))
    app.setStyleSheet(style_sheet(theme))
    pg.setConfigOptions(background=theme.base, foreground=theme.muted)


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio between two colours (1 to 21)."""
    def lum(c: QColor) -> float:
        def ch(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())
    la, lb = sorted((lum(a), lum(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
