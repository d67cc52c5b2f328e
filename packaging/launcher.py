"""Entry point of the standalone bundle (PyInstaller runs this file)."""

import sys

from explorer.commands import main

if __name__ == "__main__":
    sys.exit(main())
