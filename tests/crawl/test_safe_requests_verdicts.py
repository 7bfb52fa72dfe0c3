"""The address check is decided once per host and crawl, and a refused host stays refused for every request."""
from __future__ import annotations

import asyncio

import pytest
from scrapy import Request

from incidents.netsafety import AddressPolicy
from scrapers.safety import RefusedRequest, SafeRequestsMiddleware


def test_every_request_to_a_refused_host_is_refused_after_one_lookup():
    middleware = SafeRequestsMiddleware(AddressPolicy.from_list([]))
    lookups = []

    async def addresses(host):
        lookups.append(host)
        return {"intranet.example": ["10.1.2.3"], "news.example": ["93.184.216.34"]}[host]

    middleware._addresses = addresses
    for path in ("/a", "/b", "/c"):
        with pytest.raises(RefusedRequest, match="refused"):
            asyncio.run(middleware.process_request(Request(f"http://intranet.example{path}")))
        assert asyncio.run(middleware.process_request(Request(f"https://news.example{path}"))) is None
    assert lookups == ["intranet.example", "news.example"]
