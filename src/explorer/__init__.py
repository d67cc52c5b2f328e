"""Explorer: a desktop timeline explorer for long, disputed histories."""

__version__ = "0.1.0"
APP_ID = "io.github.explorer_timeline.Explorer"
