import os
import sys

# `python -m explorer` puts the current folder first on sys.path: a dataset folder you `cd` into
# could then shadow a standard module imported later (hashlib, json…). Take it out.
if sys.path and sys.path[0] in ("", os.getcwd()):
    del sys.path[0]

from .commands import main  # noqa: E402

if __name__ == "__main__":  # guarded: a spawned helper process imports this module again
    sys.exit(main())
