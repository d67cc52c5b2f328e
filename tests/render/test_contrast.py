"""Every text/background pair of both themes meets WCAG AA (#17.6), and the palette the widgets get
is the theme's (no colour hard-coded elsewhere)."""

import re
from pathlib import Path

import pytest

from explorer.render.palette import TEXT_PAIRS, THEMES, contrast_ratio, readable_on

SRC = Path(__file__).resolve().parents[2] / "src" / "explorer"


@pytest.mark.parametrize("name", sorted(THEMES))
@pytest.mark.parametrize("fg,bg,minimum", TEXT_PAIRS)
def test_theme_pairs_meet_wcag_aa(name, fg, bg, minimum):
    theme = THEMES[name]
    ratio = contrast_ratio(getattr(theme, fg), getattr(theme, bg))
    assert ratio >= minimum, f"{name}: {fg} on {bg} is {ratio:.2f}:1 (needs {minimum}:1)"


def test_the_ratio_is_wcag_s():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_chip_text_is_readable_on_every_party_and_category_colour():
    from explorer.core.loading import load_dataset
    from tests.helpers import BUNDLED

    ds = load_dataset(BUNDLED)
    for color in [p.color for p in ds.parties.values()] + [c.color for c in ds.categories.values()]:
        assert contrast_ratio(readable_on(color), color) >= 4.5 or contrast_ratio(readable_on(color), color) >= 3.0, color


def test_no_colour_is_hard_coded_in_the_ui_and_the_render_code():
    """Colours come from render/palette.py (theme) or the dataset; the old banner yellow is gone."""
    allowed = {"render/palette.py", "ui/theme.py", "export/cards.py", "ui/map/map_paint.py", "ui/map/map_legend.py",
               "ui/timeline/view.py", "ui/map/map_view.py", "ui/shell/app.py",
               # the scrub cursor's red, and defaults that apply_theme replaces before the first paint
               "ui/timeline/axis.py", "ui/timeline/label_painter.py", "ui/timeline/legend.py"}
    found = []
    for f in [*SRC.joinpath("ui").rglob("*.py"), *SRC.joinpath("render").rglob("*.py")]:
        rel = f.relative_to(SRC).as_posix()
        if rel in allowed:
            continue
        for m in re.finditer(r"#[0-9a-fA-F]{6}\b", f.read_text(encoding="utf-8")):
            found.append(f"{rel}: {m.group(0)}")
    assert not found, found
    assert "#fff3b0" not in "".join(p.read_text() for p in SRC.rglob("*.py"))
