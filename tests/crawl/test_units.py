"""Fast tests of the crawl library pieces: canonical URLs, the address policy, feed and page parsing, Retry-After."""
from __future__ import annotations

import datetime as dt
import resource

import pytest

from incidents.feeds import defuse, parse_feed
from incidents.netsafety import AddressPolicy, refusal_for_address
from incidents.pages import ExtractionError, detect_language, extract_page
from incidents.urls import canonicalize
from scrapers.retry_after import parse_retry_after
from tests.crawl.builders import article_html, rss


@pytest.mark.parametrize("raw, expected", [
    ("HTTP://Example.COM:80/a/b?utm_source=x&id=7&fbclid=1#frag", "http://example.com/a/b?id=7"),
    ("https://example.com:443/?gclid=1", "https://example.com/"),
    ("https://example.com:8443/x?b=2&a=1", "https://example.com:8443/x?b=2&a=1"),  # order kept
    ("/news/1.html", "https://site.org/news/1.html"),
    ("javascript:alert(1)", None), ("ftp://site.org/x", None), ("mailto:a@b.c", None), ("http://[::1:bad", None),
])
def test_canonicalize(raw, expected):
    assert canonicalize(raw, base="https://site.org/feed.xml") == expected


@pytest.mark.parametrize("address", ["127.0.0.2", "10.1.2.3", "192.168.0.1", "172.16.5.4", "169.254.169.254",
                                     "::1", "fe80::1", "0.0.0.0", "::ffff:127.0.0.1", "100.64.0.1"])
def test_non_public_addresses_are_refused(address):
    assert refusal_for_address(address)


def test_policy_allow_list_is_exact():
    policy = AddressPolicy.from_list(["127.0.0.1"])
    assert policy.check_url("http://127.0.0.1:8000/x") is None
    assert "loopback" in policy.check_url("http://127.0.0.2:8000/x")
    assert policy.check_url("http://8.8.8.8/") is None
    assert "scheme" in policy.check_url("file:///etc/passwd")
    assert "private" in policy.check_url("http://intranet.example/", resolve=lambda h: ["10.0.0.5"])
    # a name with one public and one private address is refused
    assert policy.check_url("http://mixed.example/", resolve=lambda h: ["8.8.8.8", "192.168.1.1"])
    assert AddressPolicy.from_list(["intranet.example"]).check_url(
        "http://intranet.example/", resolve=lambda h: ["10.0.0.5"]) is None


def test_entity_bomb_is_defused_with_bounded_memory():
    levels = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 12))
    bomb = (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">{levels}]>'
            f'<rss version="2.0"><channel><title>&l11;</title><item><title>T &l11;</title>'
            f"<link>http://x.org/a</link></item></channel></rss>").encode()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    parsed = parse_feed(bomb, base_url="http://x.org/feed", content_type="application/rss+xml")
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert [e.link for e in parsed.entries] == ["http://x.org/a"]
    assert "DOCTYPE removed" in parsed.problem and grown_mb < 50
    assert b"ENTITY" not in defuse(bomb)[0]


def test_external_entity_is_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    xml = (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]><rss version="2.0">'
           f'<channel><item><title>&x;</title><link>http://x.org/a</link></item></channel></rss>').encode()
    parsed = parse_feed(xml, base_url="http://x.org/feed")
    assert "TOPSECRET" not in repr(parsed)


def test_latin1_feed_without_declaration_decodes():
    data = rss([{"title": "Attaque près de Ménaka", "link": "http://x.org/a"}], encoding=None).encode("latin-1")
    parsed = parse_feed(data, base_url="http://x.org/feed", content_type="application/rss+xml")
    assert parsed.entries[0].title == "Attaque près de Ménaka" and parsed.problem


def test_utf16_feed_with_bom():
    data = rss([{"title": "Gao : été", "link": "http://x.org/a"}], encoding="UTF-16").encode("utf-16")
    parsed = parse_feed(data, base_url="http://x.org/feed")
    assert parsed.entries[0].title == "Gao : été"


def test_huge_feed_is_capped():
    items = [{"title": f"T{i}", "link": f"http://x.org/{i}"} for i in range(700)]
    parsed = parse_feed(rss(items).encode(), base_url="http://x.org/feed", max_entries=500)
    assert len(parsed.entries) == 500 and parsed.total_entries == 700 and "only the first 500" in parsed.problem


def test_garbage_is_not_an_exception():
    for data in (b"", b"\x00\xff\xfe garbage", b"<html><body>not a feed</body></html>", b"<rss><channel><item>"):
        parsed = parse_feed(data, base_url="http://x.org/feed")
        assert parsed.problem


def test_extract_page_reads_metadata_and_refuses_empty_pages():
    page = extract_page(article_html("k", lang="fr", canonical="/c/k.html", published="2025-03-01T10:00:00+01:00"),
                        "https://site.org/amp/k.html")
    assert "Report k" in page.text and page.canonical_url == "https://site.org/c/k.html"
    assert page.published_at == dt.datetime(2025, 3, 1, 9, tzinfo=dt.UTC)
    assert page.language == "en"  # html lang says fr, but the text is clearly English
    with pytest.raises(ExtractionError):
        extract_page("<html><body><nav>Home</nav><script>x()</script></body></html>", "https://site.org/x")
    with pytest.raises(ExtractionError):
        extract_page("", "https://site.org/x")


def test_xhtml_page_with_xml_declaration():
    html = '<?xml version="1.0" encoding="utf-8"?>\n' + article_html("xhtml")
    assert "Report xhtml" in extract_page(html, "https://site.org/x").text


def test_article_xpath_override():
    html = ("<html><body><div class='story'><span>" + "Un texte qui sera trouvé par le XPath du registre. " * 8
            + "</span></div></body></html>")
    page = extract_page(html, "https://site.org/x", xpath="//div[@class='story']")
    assert page.method == "xpath" and page.language == "fr"


def test_detect_language():
    assert detect_language("Les soldats ont été tués dans une attaque contre le poste de la ville, selon "
                           "des sources locales qui ont parlé à la presse.")[0] == "fr"
    assert detect_language("The soldiers were killed in an attack on the post, said local sources who "
                           "spoke to the press.")[0] == "en"


def test_parse_retry_after():
    now = dt.datetime(2025, 3, 1, 12, 0, tzinfo=dt.UTC)
    assert parse_retry_after(b"2") == 2.0
    assert parse_retry_after("Sat, 01 Mar 2025 12:00:30 GMT", now) == 30.0
    assert parse_retry_after("Sat, 01 Mar 2025 11:00:00 GMT", now) == 0.0
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None
