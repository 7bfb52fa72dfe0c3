"""Refuse requests the crawler must never make: non-http(s) schemes and non-public addresses.

Two layers, both driven by incidents.netsafety.AddressPolicy and the INCIDENTS_ALLOW_HOSTS setting:
- SafeRequestsMiddleware checks every request (feeds, articles, robots.txt, each redirect hop) before it is sent,
  resolving the host itself, so a refusal arrives as a clear RefusedRequest in the spider's errback;
- SafeResolver refuses the same addresses where Scrapy resolves names for connecting, so a name that resolves
  to a public address at check time and a private one at connect time (DNS rebinding) is still refused.
"""
from __future__ import annotations

import logging

from scrapy.exceptions import IgnoreRequest
from scrapy.resolver import CachingThreadedResolver
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import threads
from twisted.internet.error import DNSLookupError

from incidents.netsafety import AddressPolicy, resolve_host
from incidents.urls import host_of

logger = logging.getLogger(__name__)


class RefusedRequest(IgnoreRequest):
    """The request was not sent because its URL or address is not allowed."""


def policy_from_settings(settings) -> AddressPolicy:
    return AddressPolicy.from_list(settings.getlist("INCIDENTS_ALLOW_HOSTS"))


class SafeRequestsMiddleware:
    def __init__(self, policy: AddressPolicy, stats=None):
        self.policy = policy
        self.stats = stats
        self._resolved: dict[str, list[str]] = {}  # per crawl: hosts are few, lookups are not free
        # and so the verdict on a host's (cached) addresses, which is the same for every request to it
        self._verdicts: dict[str, str | None] = {}

    @classmethod
    def from_crawler(cls, crawler):
        return cls(policy_from_settings(crawler.settings), crawler.stats)

    async def _addresses(self, host: str) -> list[str]:
        if host not in self._resolved:
            self._resolved[host] = await maybe_deferred_to_future(threads.deferToThread(resolve_host, host))
        return self._resolved[host]

    async def process_request(self, request):
        reason = self.policy.check_scheme(request.url)
        if reason is None:
            host = host_of(request.url)
            if host not in self.policy.allow_names:
                if host not in self._verdicts:
                    self._verdicts[host] = self.policy.check_addresses(host, await self._addresses(host))
                reason = self._verdicts[host]
        if reason is None:
            return
        if self.stats:
            self.stats.inc_value("incidents/refused_requests")
        logger.warning("refused %s: %s", request.url, reason)
        raise RefusedRequest(f"refused: {reason}")


class SafeResolver(CachingThreadedResolver):
    """Scrapy's caching resolver, failing any lookup that yields a non-public, non-allowed address."""

    policy: AddressPolicy = AddressPolicy()

    @classmethod
    def from_crawler(cls, crawler, reactor):
        resolver = super().from_crawler(crawler, reactor)
        resolver.policy = policy_from_settings(crawler.settings)
        return resolver

    def getHostByName(self, name, timeout=()):
        deferred = super().getHostByName(name, timeout)

        def check(address):
            reason = self.policy.check_addresses(name, [address])
            if reason:
                logger.warning("refused connection to %s: %s", name, reason)
                raise DNSLookupError(f"refused: {reason}")
            return address

        return deferred.addCallback(check)
