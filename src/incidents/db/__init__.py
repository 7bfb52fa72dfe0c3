"""Database access: where the database is, how to connect, and its schema migrations."""
from incidents.db.connection import connect, database_url, transaction

__all__ = ["connect", "database_url", "transaction"]
