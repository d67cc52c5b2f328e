"""A plain-text list of who held and who claimed one region, and when."""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit, QWidget

from ...core.geo import history_lines


class RegionHistory(QPlainTextEdit):
    """Read-only; `show_region(dataset, region_id)` fills it (setPlainText: data never becomes markup)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setAccessibleName("Region history")
        self.setPlaceholderText("Click a region on the map (or Tab to the map, then ← → and Enter) to see who "
                                "held it, and when.")

    def show_region(self, dataset, region_id: str) -> None:
        geo = dataset.geo
        region = geo.regions.get(region_id) if geo is not None else None
        if region is None:
            self.clear()
            return
        names = " · ".join(region.names[k] for k in ("ja", "ru") if k in region.names)
        head = region.name + (f" ({names})" if names else "")
        self.setPlainText("\n".join([head, ""] + history_lines(dataset, region_id)))
