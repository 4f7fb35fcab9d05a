"""creditcheck: check photo credits and copyright notices against licensed sources."""

__version__ = "0.1.0"
