"""Article -> conflict incidents in ACLED's vocabulary (events and aggregate statements).

    from incidents.extract import extract_article, extract_stream, EXTRACTOR_VERSION

Pure functions over the article dict; dictionaries and cue lists live in data/*.yaml. See docs/extraction.md.
"""
from .article import extract_article
from .stream import extract_stream
from .version import EXTRACTOR_VERSION

__all__ = ["EXTRACTOR_VERSION", "extract_article", "extract_stream"]
