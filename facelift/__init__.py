"""facelift: a calm, exactly timed guide through a facial self-massage system."""

__version__ = "0.1.0"
