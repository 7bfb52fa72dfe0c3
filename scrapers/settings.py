"""Crawler settings: every politeness, safety and size limit in one place (explained in docs/crawling.md).

Values marked "env" can be changed without editing code; any setting can be overridden for one crawl with
run_crawl(settings={...}) (passed as `scrapy crawl -s KEY=VALUE`), which is how the tests shorten the delays.
"""
import os

BOT_NAME = "incidents"
SPIDER_MODULES = ["scrapers.spiders"]
NEWSPIDER_MODULE = "scrapers.spiders"

# --- identity ----------------------------------------------------------------------------------------------------
# A descriptive user agent with a way to reach the operator (env INCIDENTS_CRAWLER_CONTACT: URL or e-mail).
CONTACT = os.environ.get("INCIDENTS_CRAWLER_CONTACT", "https://example.org/incidents-crawler")
USER_AGENT = f"incidents-crawler/0.1 (conflict-incident research; news feeds only; +{CONTACT})"
ROBOTSTXT_OBEY = True
ROBOTSTXT_USER_AGENT = "incidents-crawler"  # the token a site's robots.txt can address us by
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
# Scrapy's remote-control extension runs code sent to it inside the crawl process, whose environment holds
# DATABASE_URL: never wanted here.
REMOTE_CONTROL_ENABLED = False

# --- politeness --------------------------------------------------------------------------------------------------
CONCURRENT_REQUESTS = 16                # across all outlets
CONCURRENT_REQUESTS_PER_DOMAIN = 2      # per outlet
DOWNLOAD_DELAY = 1.0                    # seconds between requests to one outlet (randomised 0.5x-1.5x)
RANDOMIZE_DOWNLOAD_DELAY = True
# DOWNLOAD_SLOTS: per-host delays come from the registry (options.crawl_delay), filled in by run_crawl.
AUTOTHROTTLE_ENABLED = True             # back off further when an outlet answers slowly
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# --- retries -----------------------------------------------------------------------------------------------------
RETRY_ENABLED = True
RETRY_TIMES = 2                         # at most 3 attempts per URL per crawl; the next hourly run tries again
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
INCIDENTS_RETRY_AFTER_MAX = 120         # seconds: a longer Retry-After gives up on that URL for this crawl
REDIRECT_MAX_TIMES = 5

# --- sizes and timeouts ------------------------------------------------------------------------------------------
DOWNLOAD_TIMEOUT = 30                   # news pages and feeds are small; a slow one is a stuck one
DNS_TIMEOUT = 10
DOWNLOAD_MAXSIZE = 5 * 1024 * 1024      # article page, after decompression (cuts off gzip bombs too)
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
INCIDENTS_FEED_MAXSIZE = 10 * 1024 * 1024   # a feed or sitemap may be larger than a page, not unbounded
INCIDENTS_MAX_ARTICLES_PER_FEED = 200   # new article requests per feed per crawl (a huge feed is not a DoS)
# A page quarantined for a lasting reason (too large, not HTML, no text, refused) is not refetched for this long.
INCIDENTS_QUARANTINE_HOLD_HOURS = 24
MEMUSAGE_ENABLED = True                 # last line of defence: stop the crawl before the machine suffers
MEMUSAGE_LIMIT_MB = 1536
MEMUSAGE_WARNING_MB = 1024

# --- safety ------------------------------------------------------------------------------------------------------
# Only http(s); no file:, ftp:, s3: or data: handlers at all.
DOWNLOAD_HANDLERS = {"file": None, "ftp": None, "s3": None, "data": None}
# Hosts/addresses/networks that may be fetched although not public (env INCIDENTS_ALLOW_HOSTS, comma-separated);
# empty in production. Tests and the demo allow 127.0.0.1.
INCIDENTS_ALLOW_HOSTS = [h.strip() for h in os.environ.get("INCIDENTS_ALLOW_HOSTS", "").split(",") if h.strip()]
# The resolver refuses non-public addresses too, so a name that resolves differently at connect time than at
# check time (DNS rebinding) is still refused.
DNS_RESOLVER = "scrapers.safety.SafeResolver"

DOWNLOADER_MIDDLEWARES = {
    "scrapers.safety.SafeRequestsMiddleware": 50,        # before robots.txt: robots requests are checked too
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "scrapers.retry_after.RetryAfterMiddleware": 550,    # the stock retry, plus Retry-After on 429/503
}

# --- storage -----------------------------------------------------------------------------------------------------
ITEM_PIPELINES = {"scrapers.pipelines.StoreArticlesPipeline": 300}
INCIDENTS_STORE_BATCH = 50              # articles per store_articles transaction
INCIDENTS_STORE_FLUSH_SECONDS = 5.0     # a smaller batch is written once its first article is this old
# Processes that read fetched pages (trafilatura) beside the crawler's event loop; None: every core but one,
# 0: read in the crawler's own thread (env INCIDENTS_EXTRACT_PROCESSES).
INCIDENTS_EXTRACT_PROCESSES = os.environ.get("INCIDENTS_EXTRACT_PROCESSES") or None
# Scrapy starts this many tasks for every callback's output, whatever it holds; ours yield one item per page
# (or a feed's requests, which are queued synchronously) and the pipeline awaits its worker, so one is enough.
CONCURRENT_ITEMS = 1
INCIDENTS_DATABASE_URL = None           # None: DATABASE_URL / the embedded server (incidents.db.database_url)

# The page readers and the database writer are awaited as asyncio futures (Scrapy's default reactor; stated
# because the pipeline depends on it).
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"

LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
