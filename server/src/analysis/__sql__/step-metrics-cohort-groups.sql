-- $1 = "00000000-0000-4000-8000-000000000001"
-- $2 = "checkout"
-- $3 = 2026-01-01T00:00:00.000Z
-- $4 = "visit"
-- $5 = "paid"
-- $6 = "{\"size\":\"smb\"}"
-- $7 = "seats"
-- $8 = "^\\s*[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?\\s*$"
-- $9 = 50
-- $10 = "{\"country\":\"de\"}"
-- $11 = "{\"country\":\"fr\"}"
-- $12 = ["u1","u2"]
WITH per_unit AS (
  SELECT e.unit_id,
         max(e.occurred_at) FILTER (WHERE e.step_key = $4 AND e.outcome = 'deviated') AS deviated_0,
         max(e.occurred_at) FILTER (WHERE e.step_key = $4 AND e.outcome = 'aligned') AS aligned_0,
         max(e.occurred_at) FILTER (WHERE e.step_key = $5 AND e.outcome = 'deviated') AS deviated_1,
         max(e.occurred_at) FILTER (WHERE e.step_key = $5 AND e.outcome = 'aligned') AS aligned_1
  FROM step_events e
  WHERE e.flow_key = $2 AND e.occurred_at <= $3 AND e.step_key IN ($4, $5)
  GROUP BY e.unit_id
),
counted AS (
SELECT a.variant_key, a.groups_0, count(*) AS total_units, min(a.assigned_at) AS first_assigned_at,
       count(*) AS units_0,
       count(*) FILTER (WHERE p.aligned_0 >= a.assigned_at) AS reached_0,
       count(*) FILTER (WHERE p.deviated_0 >= a.assigned_at) AS deviated_0,
       count(*) AS units_1,
       count(*) FILTER (WHERE p.aligned_1 >= a.assigned_at) AS reached_1,
       count(*) FILTER (WHERE p.deviated_1 >= a.assigned_at) AS deviated_1
FROM (
  SELECT a.*,
    (CASE WHEN (((a.attributes @> $6::jsonb))) THEN 1::bigint ELSE 0::bigint END
      | CASE WHEN ((COALESCE((CASE jsonb_typeof((a.attributes -> $7::text)) WHEN 'number' THEN ((a.attributes -> $7::text))::numeric WHEN 'string' THEN CASE WHEN ((a.attributes -> $7::text) #>> '{}') ~ $8 THEN trim(((a.attributes -> $7::text) #>> '{}'))::numeric END END) >= $9::numeric, false) AND (a.attributes @> $10::jsonb OR a.attributes @> $11::jsonb))) THEN 2::bigint ELSE 0::bigint END
      | CASE WHEN (a.unit_id = ANY($12::text[])) THEN 4::bigint ELSE 0::bigint END) AS groups_0
  FROM assignments a
  WHERE a.experiment_id = $1 AND NOT a.forced AND a.assigned_at <= $3
  OFFSET 0
) a
LEFT JOIN per_unit p ON p.unit_id = a.unit_id
GROUP BY a.variant_key, a.groups_0
)
SELECT g.idx AS group_index, c.variant_key, sum(c.total_units) AS total_units, min(c.first_assigned_at) AS first_assigned_at,
       sum(c.units_0) AS units_0,
       sum(c.reached_0) AS reached_0,
       sum(c.deviated_0) AS deviated_0,
       sum(c.units_1) AS units_1,
       sum(c.reached_1) AS reached_1,
       sum(c.deviated_1) AS deviated_1
FROM counted c
CROSS JOIN LATERAL (SELECT -1 AS idx
  UNION ALL SELECT 0 + b FROM generate_series(0, 2) AS b WHERE c.groups_0 & (1::bigint << b) <> 0) g
GROUP BY g.idx, c.variant_key
