"""Import from and export to other timeline formats (Qt-free).

- `timelinejs`: Knight Lab TimelineJS JSON, read and write.
- `sheet_csv`: the TimelineJS spreadsheet layout as CSV, read and write.
- `thetimeline`: the "Timeline" desktop app's `.timeline` XML, read.
- `model`: what an import produces, and `write_dataset` to turn it into TOML files.
"""

from .detect import detect_format, import_file
from .model import ImportError_, Imported, write_dataset

__all__ = ["detect_format", "import_file", "Imported", "ImportError_", "write_dataset"]
