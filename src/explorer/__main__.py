import sys

from .commands import main

if __name__ == "__main__":  # guarded: a spawned helper process imports this module again
    sys.exit(main())
