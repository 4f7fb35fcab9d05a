"""Entry point for ``python -m creditcheck``."""

from creditcheck.cli import main

main()
