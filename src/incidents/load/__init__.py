"""Writing to the database: articles, incidents, aggregate claims, quarantine rows and run records.

Every public function here takes an open connection and does its work in one transaction per batch, so a batch
is either fully loaded or not at all, and a retry of the same batch changes nothing.
"""
