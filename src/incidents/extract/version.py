"""Version of the extraction rules; stored on every row so reprocessing can key on it. Bump on rule changes."""
EXTRACTOR_VERSION = "0.8.0"
