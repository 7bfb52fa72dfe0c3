"""Scrapy project: spiders that read news feeds and sitemaps and hand articles to the incidents library."""
