-- Full-text search over article text, in each article's language (French for 'fr', English otherwise):
-- articles.search_tsv (generated, GIN-indexed). article_search adds the incidents each article supports;
-- search_articles(query) searches both languages and ranks the hits.
CREATE OR REPLACE VIEW article_search AS
WITH article_incidents AS (
    SELECT article_id, array_agg(DISTINCT incident_id ORDER BY incident_id) AS incident_ids
      FROM incident_articles
     GROUP BY article_id
)
SELECT a.article_id,
       a.url                               AS article_url,
       a.title                             AS article_title,
       a.source_name                       AS outlet_name,
       a.language                          AS article_language,
       article_search_config(a.language)   AS search_config,
       a.published_at,
       a.search_tsv,
       coalesce(ai.incident_ids, '{}')     AS incident_ids
  FROM articles a
  LEFT JOIN article_incidents ai ON ai.article_id = a.article_id;

CREATE OR REPLACE FUNCTION search_articles(query text)
RETURNS TABLE (article_id bigint, article_url text, article_title text, outlet_name text,
               article_language text, published_at timestamptz, rank real, headline text)
LANGUAGE sql STABLE AS $$
    WITH queries AS (
        SELECT websearch_to_tsquery('english', query) AS english_query,
               websearch_to_tsquery('french', query) AS french_query
    ),
    hits AS (
        SELECT a.*, CASE WHEN article_search_config(a.language) = 'french'::regconfig
                         THEN q.french_query ELSE q.english_query END AS own_query
          FROM articles a, queries q
         WHERE a.search_tsv @@ q.english_query OR a.search_tsv @@ q.french_query
    )
    SELECT h.article_id, h.url, h.title, h.source_name, h.language, h.published_at,
           ts_rank(h.search_tsv, h.own_query),
           ts_headline(article_search_config(h.language), h.text, h.own_query, 'MaxFragments=1, MaxWords=30')
      FROM hits h
     WHERE h.search_tsv @@ h.own_query
     ORDER BY 7 DESC, h.published_at DESC
$$;
