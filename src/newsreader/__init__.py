"""newsreader: a terminal reader for Vietnamese news about Party directives."""

__version__ = "0.1.0"
