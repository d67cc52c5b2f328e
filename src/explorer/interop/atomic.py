"""Interop writes through the one atomic writer (`core.output`)."""

from ..core.output import ExportError, write_text_atomic

__all__ = ["ExportError", "write_text_atomic"]
