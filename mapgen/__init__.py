"""mapgen: sourced, layered maps of places of Soviet political repression. See mapgen.api for use from Python."""

from .api import DataWarning, build, embed, folium_map, load, visit
from .model import Atlas, Claim, Site
from .read import InputError, Problem

__version__ = "0.1.0"
__all__ = ["Atlas", "Claim", "DataWarning", "InputError", "Problem", "Site", "build", "embed", "folium_map", "load",
           "visit"]
