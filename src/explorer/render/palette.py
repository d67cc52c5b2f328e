"""The colours of both appearances, as plain strings (Qt-free, so HTML rendering and tests can use them).

Every text/background pair here meets WCAG AA (4.5:1 for text, 3:1 for large
text and UI parts); `tests/render/test_contrast.py` checks each pair.
"""

from __future__ import annotations

import functools

from dataclasses import dataclass


@dataclass(frozen=True)
class Theme:
    dark: bool
    window: str
    base: str  # text areas and plots
    alt_base: str
    text: str
    muted: str  # secondary text ("since …", publishers): still 4.5:1 on base and window
    button: str
    highlight: str
    highlight_text: str
    link: str
    grid_alpha: float
    lane_line: tuple[int, int, int, int]
    halo: tuple[int, int, int, int]
    era_alpha: int
    bars: tuple[int, int, int, int]
    banner_bg: str  # a stance that just changed: a calm tint, not a glare
    banner_text: str
    focus: str  # focus rings (UI component: 3:1 on window and base)
    mark_bg: str  # search words marked in the detail pane
    mark_text: str
    indicator: str  # checkbox and radio outlines (UI component: 3:1)


LIGHT = Theme(
    dark=False, window="#f3f4f6", base="#ffffff", alt_base="#f7f7f9", text="#1d2026", muted="#4d5461",
    button="#eceef1", highlight="#2f6fbf", highlight_text="#ffffff", link="#1f5fae", grid_alpha=0.12,
    lane_line=(0, 0, 0, 40), halo=(255, 255, 255, 215), era_alpha=150, bars=(70, 90, 120, 190),
    banner_bg="#fdf1c4", banner_text="#1d2026", focus="#2f6fbf", mark_bg="#ffe066", mark_text="#1d2026",
    indicator="#6b7280",
)
DARK = Theme(
    dark=True, window="#1f2126", base="#16181c", alt_base="#1c1f24", text="#e6e8eb", muted="#a9b0bb",
    button="#2b2e35", highlight="#2f67b0", highlight_text="#ffffff", link="#8cc0ff", grid_alpha=0.18,
    lane_line=(255, 255, 255, 45), halo=(22, 24, 28, 215), era_alpha=55, bars=(140, 170, 215, 200),
    banner_bg="#3a3524", banner_text="#f2ead0", focus="#8cc0ff", mark_bg="#6b5a12", mark_text="#fff6cc",
    indicator="#9aa3b0",
)
THEMES = {"light": LIGHT, "dark": DARK}
PAPER_TINT = "#f6f1de"  # the light background of a boxed note on paper (with text colour: 14:1)

# (foreground, background, minimum ratio) of every pair the app draws
TEXT_PAIRS = (
    ("text", "base", 4.5), ("text", "window", 4.5), ("text", "button", 4.5), ("text", "alt_base", 4.5),
    ("muted", "base", 4.5), ("muted", "window", 4.5), ("muted", "alt_base", 4.5), ("link", "base", 4.5),
    ("highlight_text", "highlight", 4.5), ("banner_text", "banner_bg", 4.5), ("mark_text", "mark_bg", 4.5),
    ("focus", "window", 3.0), ("focus", "base", 3.0), ("indicator", "window", 3.0), ("indicator", "base", 3.0),
)


def _channels(color: str) -> tuple[float, float, float]:
    c = color.lstrip("#")
    if len(c) == 3:
        c = "".join(ch * 2 for ch in c)
    return tuple(int(c[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def luminance(color: str) -> float:
    def ch(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = _channels(color)
    return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b)


def contrast_ratio(a: str, b: str) -> float:
    """WCAG contrast ratio between two colours `#rrggbb` (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@functools.lru_cache(maxsize=1024)  # a few dozen colours, asked for on every chip and band segment
def readable_on(color: str) -> str:
    """Black or white, whichever reads better on `color` (party and category chips)."""
    return "#000000" if contrast_ratio("#000000", color) >= contrast_ratio("#ffffff", color) else "#ffffff"
