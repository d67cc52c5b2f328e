"""The map pane: the map at the cursor date, and the control history of the region clicked."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from ...core.model import Dataset
from ...render.palette import Theme
from ..map.map_view import MapView
from ..map.region_history import RegionHistory


class MapPane(QWidget):
    region_selected = Signal(str)  # a click on a region: filter the timeline to it

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("mapPane")
        self.setAccessibleName("Map of who holds and claims each region")
        self.view = MapView()
        self.view.setObjectName("map")
        self.history = RegionHistory()
        self.history.setObjectName("regionHistory")
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(self.history)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(split)
        self.dataset: Dataset | None = None
        self.view.region_clicked.connect(self._on_region)

    @property
    def has_map(self) -> bool:
        return self.view.has_map

    def set_dataset(self, ds: Dataset) -> None:
        self.dataset = ds
        self.view.set_dataset(ds)
        self.history.clear()

    def set_day(self, day: float) -> None:
        self.view.set_day(day)

    def set_theme(self, theme: Theme) -> None:
        self.view.set_theme(theme.base, theme.text, theme.muted)

    def show_event(self, ds: Dataset, places: list[str]) -> None:
        """Outline the regions the selected event is about."""
        self.view.set_highlight(ds.geo.regions_for_places(places) if ds.geo is not None else [])

    def _on_region(self, region_id: str) -> None:
        if self.dataset is not None:
            self.history.show_region(self.dataset, region_id)
        self.region_selected.emit(region_id)
