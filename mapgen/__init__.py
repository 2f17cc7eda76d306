"""mapgen: sourced, layered maps of places of Soviet political repression."""

__version__ = "0.1.0"
