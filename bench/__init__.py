"""`make bench`: throughput, memory and scaling of the pipeline against a synthetic news site on 127.0.0.1.

Modules: `textgen` (article text), `site` (the site's feeds and pages), `server` (a fast local HTTP server with
conditional GET), `bare_spider` (the bare Scrapy ceiling), `scratch_db` (the benchmark's own throwaway database),
`phases` (one function per measurement), `machine` (what it ran on), `report` (JSON + Markdown), `run` (the CLI).
"""
