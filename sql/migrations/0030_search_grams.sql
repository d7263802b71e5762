-- Text search (`q=`) was a strpos scan over every place (about 250 ms at 150,000). Chinese has no word breaks and
-- pg_trgm ignores CJK characters under a C locale, so a GIN index holds, for each place, the set of characters and
-- character pairs of its search text: a needle's pairs (its single character when it is one long) must all be in
-- the set, which the index answers; the strpos re-check then keeps exactly the places containing the needle.
-- Plain SQL, so it runs the same on PostgreSQL and on PGlite.

-- Every character and every pair of adjacent characters of `t`, once each.
CREATE FUNCTION search_grams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT coalesce(array_agg(DISTINCT g), '{}')
    FROM (
      SELECT substr(t, i, 1) AS g FROM generate_series(1, length(t)) AS i
      UNION ALL
      SELECT substr(t, i, 2) FROM generate_series(1, length(t) - 1) AS i
    ) AS grams
$$;

-- What a needle asks of the index: its pairs, or its one character. Pairs are far more selective than characters.
CREATE FUNCTION search_needle_grams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT CASE WHEN length(t) = 1 THEN ARRAY[t]
              ELSE (SELECT coalesce(array_agg(DISTINCT substr(t, i, 2)), '{}') FROM generate_series(1, length(t) - 1) AS i)
         END
$$;

-- An expression index, not a stored column: the sets would double the width of every place row, which every
-- other scan of the table would pay for.
CREATE INDEX place_search_grams_gin ON place USING gin (search_grams(search_text));
-- A needle may name a street/town instead: the places of the matching areas, through this index.
CREATE INDEX place_area_code_idx ON place (area_code);
