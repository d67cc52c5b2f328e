"""The map: `MapView` (a widget), `MapPainter` (drawing on any QPainter), `RegionHistory`, `map_image`."""

from .map_paint import MapPainter
from .map_view import MapView
from .region_history import RegionHistory
from .snapshot import map_image, save_map_png

__all__ = ["MapPainter", "MapView", "RegionHistory", "map_image", "save_map_png"]
