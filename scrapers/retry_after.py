"""Scrapy's retry middleware, honouring Retry-After on 429 and 503.

A server that says "come back in N seconds" gets exactly that: requests to that host wait until then (not just
the one that was refused), and the refused request is retried within the normal retry budget (RETRY_TIMES). A wait
longer than INCIDENTS_RETRY_AFTER_MAX gives up on the URL for this crawl; the next scheduled crawl tries again.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import logging
import time

from scrapy.downloadermiddlewares.retry import RetryMiddleware, get_retry_request
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.response import response_status_message
from twisted.internet import reactor
from twisted.internet.task import deferLater

from incidents.urls import host_of

logger = logging.getLogger(__name__)
RETRY_AFTER_CODES = (429, 503)


def parse_retry_after(value: str | bytes | None, now: dt.datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After value (delta-seconds or an HTTP date); None if absent or unreadable."""
    if value is None:
        return None
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    now = now or dt.datetime.now(dt.UTC)
    return max(0.0, (when - now).total_seconds())


async def _sleep(seconds: float) -> None:
    await maybe_deferred_to_future(deferLater(reactor, seconds, lambda: None))


class RetryAfterMiddleware(RetryMiddleware):
    def __init__(self, settings):
        super().__init__(settings)
        self.max_wait = settings.getfloat("INCIDENTS_RETRY_AFTER_MAX", 120.0)
        self._blocked_until: dict[str, float] = {}  # host -> monotonic time before which we stay away

    async def process_request(self, request):
        until = self._blocked_until.get(host_of(request.url) or "", 0.0)
        wait = until - time.monotonic()
        if wait > 0:
            await _sleep(wait)

    async def process_response(self, request, response):
        if request.meta.get("dont_retry", False):
            return response
        delay = None
        if response.status in RETRY_AFTER_CODES:
            delay = parse_retry_after(response.headers.get("Retry-After"))
        if delay is None:
            return super().process_response(request, response)
        reason = response_status_message(response.status)
        if delay > self.max_wait:
            logger.warning("%s asks to wait %.0fs (> %.0fs): giving up on it for this crawl",
                           request.url, delay, self.max_wait)
            self.crawler.stats.inc_value("incidents/retry_after_too_long")
            return response
        retry = get_retry_request(request, spider=self.crawler.spider, reason=reason,
                                  max_retry_times=request.meta.get("max_retry_times", self.max_retry_times),
                                  priority_adjust=request.meta.get("priority_adjust", self.priority_adjust))
        if retry is None:
            return response
        host = host_of(request.url) or ""
        self._blocked_until[host] = max(self._blocked_until.get(host, 0.0), time.monotonic() + delay)
        self.crawler.stats.inc_value("incidents/retry_after_waits")
        logger.info("%s: %s, Retry-After %.1fs", request.url, reason, delay)
        return retry
