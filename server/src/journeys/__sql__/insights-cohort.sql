WITH unit_masks AS (
  SELECT e.unit_id,
         bit_or(CASE WHEN e.outcome = 'aligned' THEN 1::bigint << (array_position($2::text[], e.step_key) - 1) ELSE 0 END) AS mask
    FROM step_events e
   WHERE e.flow_key = $1 AND e.occurred_at >= $3 AND e.occurred_at <= $4
   GROUP BY e.unit_id
), masks AS (
  SELECT COALESCE(m.mask, 0) AS mask, count(*) AS n
    FROM unit_masks m
  LEFT JOIN units u ON u.unit_id = m.unit_id
  WHERE (m.unit_id = ANY($6::text[]) OR ((COALESCE(u.attributes, '{}'::jsonb) @> $7::jsonb) AND COALESCE((CASE jsonb_typeof((COALESCE(u.attributes, '{}'::jsonb) -> $8::text)) WHEN 'number' THEN ((COALESCE(u.attributes, '{}'::jsonb) -> $8::text))::numeric WHEN 'string' THEN CASE WHEN ((COALESCE(u.attributes, '{}'::jsonb) -> $8::text) #>> '{}') ~ $9 THEN trim(((COALESCE(u.attributes, '{}'::jsonb) -> $8::text) #>> '{}'))::numeric END END) >= $10::numeric, false)))
   GROUP BY 1
)
SELECT s.i::int AS step,
       COALESCE(sum(n), 0)::bigint AS units,
       COALESCE(sum(n) FILTER (WHERE mask & (1::bigint << (s.i - 1)) <> 0), 0)::bigint AS reached,
       COALESCE(sum(n) FILTER (WHERE mask & (1::bigint << (s.i - 1)) <> 0 AND mask & (1::bigint << ($5::int - 1)) <> 0), 0)::bigint AS reached_outcome,
       COALESCE(sum(n) FILTER (WHERE mask & (1::bigint << (s.i - 1)) = 0 AND mask & (1::bigint << ($5::int - 1)) <> 0), 0)::bigint AS not_reached_outcome
  FROM generate_series(1, cardinality($2::text[])) AS s(i)
  LEFT JOIN masks ON true
 GROUP BY s.i
 ORDER BY s.i
