-- Full-text search over article text in English and French (each article in its own language's
-- configuration, so "attaques" finds "attaque" in French articles), best match first, with the incidents each
-- article supports.
SELECT s.article_id, s.outlet_name, s.article_language, s.published_at, round(s.rank::numeric, 3) AS rank,
       a.incident_ids, s.headline
  FROM search_articles('attaque camp') s
  JOIN article_search a ON a.article_id = s.article_id
 ORDER BY s.rank DESC, s.article_id;
