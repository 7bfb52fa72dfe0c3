"""Conflict incidents from news."""
