WITH started AS (
  SELECT e.unit_id, min(e.occurred_at) AS at
    FROM step_events e
   WHERE e.flow_key = $1 AND e.step_key = $2 AND e.outcome = 'aligned'
     AND e.occurred_at >= $3 AND e.occurred_at <= $4
   GROUP BY e.unit_id
), cohort AS (
  SELECT s.unit_id, s.at
    FROM started s
    LEFT JOIN units u ON u.unit_id = s.unit_id
   WHERE (s.unit_id = ANY($7::text[]) OR ((COALESCE(u.attributes, '{}'::jsonb) @> $8::jsonb) AND COALESCE((CASE jsonb_typeof((COALESCE(u.attributes, '{}'::jsonb) -> $9::text)) WHEN 'number' THEN ((COALESCE(u.attributes, '{}'::jsonb) -> $9::text))::numeric WHEN 'string' THEN CASE WHEN ((COALESCE(u.attributes, '{}'::jsonb) -> $9::text) #>> '{}') ~ $10 THEN trim(((COALESCE(u.attributes, '{}'::jsonb) -> $9::text) #>> '{}'))::numeric END END) >= $11::numeric, false)))
)
SELECT count(*)::int AS units,
       count(*) FILTER (WHERE EXISTS (
         SELECT 1 FROM step_events r
          WHERE r.flow_key = $1 AND r.unit_id = c.unit_id AND r.step_key = $5 AND r.outcome = 'aligned'
            AND r.occurred_at >= c.at AND r.occurred_at <= c.at + make_interval(days => $6::int)))::int AS reached
  FROM cohort c
