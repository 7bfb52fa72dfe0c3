"""Gazetteer and place resolution: find the places an article names and resolve them the way ACLED codes them.

    from incidents.geo import locate, country_for, load_dump, PlaceMatch, CountryRef

Importing this package is cheap; the gazetteer loads on the first `locate` call (see `store.py`).
"""
from __future__ import annotations

from incidents.geo.countries import CountryRef, country_for
from incidents.geo.locate import PlaceMatch, locate


def load_dump(path, *, conn=None, index_dir=None) -> dict:
    """Load a GeoNames country dump into the local index (and Postgres when `conn` is given); see dump.py."""
    from incidents.geo.dump import load_dump as _load_dump

    return _load_dump(path, conn=conn, index_dir=index_dir)


__all__ = ["CountryRef", "PlaceMatch", "country_for", "load_dump", "locate"]
