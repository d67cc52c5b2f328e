"""Build the small bundled font: Noto Sans CJK JP cut down to what Explorer needs.

Run by hand when the bundled dataset gains new Japanese characters:

    .venv/bin/pip install fonttools==4.60.1
    apt-get install fonts-noto-cjk
    .venv/bin/python packaging/fonts/subset_fonts.py

It keeps Latin, Cyrillic, Greek, kana, CJK punctuation and every character
that occurs in the bundled dataset, and it renames the family so that it never
clashes with a full Noto CJK installed on the system. Kangxi radicals and CJK
compatibility ideographs are left out on purpose: they share glyphs with the
ordinary ideographs, and Qt's PDF writer would then map 日 back to ⽇ (U+2F47)
in the text layer, which breaks copying and searching in exported PDFs.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

ROOT = Path(__file__).resolve().parents[2]
SOURCE = Path("/usr/share/fonts/opentype/noto")
OUT = ROOT / "resources" / "fonts"
FAMILY = "Explorer Sans CJK"
RANGES = [
    (0x0020, 0x024F),  # Latin
    (0x0370, 0x03FF),  # Greek
    (0x0400, 0x052F),  # Cyrillic
    (0x2000, 0x206F),  # punctuation
    (0x20A0, 0x20BF),  # currency
    (0x2100, 0x214F),  # letterlike
    (0x2190, 0x21FF),  # arrows
    (0x2460, 0x24FF),  # enclosed numbers
    (0x25A0, 0x25FF),  # shapes
    (0x3000, 0x303F),  # CJK punctuation
    (0x3040, 0x30FF),  # kana
    (0x31F0, 0x31FF),  # kana extension
    (0xFF00, 0xFFEF),  # half/full width
]
EXCLUDED = [(0x2E80, 0x2FDF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F)]


def used() -> set[int]:
    """Every character of the bundled data, and a few words the app itself writes."""
    cps: set[int] = set()
    for f in (ROOT / "resources").rglob("*.toml"):
        cps.update(ord(ch) for ch in f.read_text(encoding="utf-8"))
    cps.update(ord(ch) for ch in "日本語露西亜ロシア北方領土択捉国後色丹歯舞群島千島列島樺太平和条約共同宣言東京声明")
    return cps


def wanted(cmap: dict[int, str]) -> set[int]:
    """The code points to keep. Where several share one glyph (U+2027 and U+30FB, the katakana
    middle dot, do in Noto CJK), only those the data uses are kept: Qt's PDF writer names a glyph
    in the text layer by one code point of it, and the others would copy as the wrong character."""
    data = used()
    cps = {c for lo, hi in RANGES for c in range(lo, hi + 1)} | data
    cps = {c for c in cps if c >= 0x20 and not any(lo <= c <= hi for lo, hi in EXCLUDED)}
    by_glyph: dict[str, list[int]] = {}
    for c in cps:
        if c in cmap:
            by_glyph.setdefault(cmap[c], []).append(c)
    for shared in by_glyph.values():
        keep = [c for c in shared if c in data]
        if len(shared) > 1 and keep:
            cps -= set(shared) - set(keep)
    return cps


def build(weight: str) -> Path:
    src = SOURCE / f"NotoSansCJK-{weight}.ttc"
    font = TTCollection(str(src)).fonts[0]  # index 0 is the Japanese (JP) face
    opts = subset.Options()
    opts.layout_features = ["*"]
    opts.name_IDs = ["*"]
    opts.notdef_outline = True
    opts.drop_tables += ["VORG", "vhea", "vmtx"]
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=sorted(wanted(font.getBestCmap())))
    sub.subset(font)
    # Qt misreads some segments of the format-4 table that fontTools writes
    # (Cyrillic went missing); a format-12 table, which Qt prefers, reads right
    from fontTools.ttLib.tables._c_m_a_p import cmap_format_12

    mapping = font.getBestCmap()
    for plat, enc in ((3, 10), (0, 4)):
        t = cmap_format_12(12)
        t.platformID, t.platEncID, t.format, t.reserved, t.length, t.language, t.nGroups = plat, enc, 12, 0, 0, 0, 0
        t.cmap = dict(mapping)
        font["cmap"].tables.append(t)
    # declare every script the subset covers (Qt picks fallback fonts by these bits)
    font["OS/2"].recalcUnicodeRanges(font, pruneOnly=False)
    name = font["name"]
    for rec in list(name.names):
        if rec.nameID in (1, 16):
            rec.string = FAMILY
        elif rec.nameID == 4:
            rec.string = f"{FAMILY} {weight}"
        elif rec.nameID == 6:
            rec.string = f"ExplorerSansCJK-{weight}"
        elif rec.nameID == 3:
            rec.string = f"ExplorerSansCJK-{weight};subset of Noto Sans CJK JP"
    out = OUT / f"ExplorerSansCJK-{weight}.otf"
    font.save(str(out))
    return out


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for w in ("Regular", "Bold"):
        p = build(w)
        print(p.relative_to(ROOT), p.stat().st_size, "bytes", file=sys.stdout)
