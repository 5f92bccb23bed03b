-- $1 = 00000000-0000-4000-8000-000000000001
-- $2 = onboarding
-- $3 = 2026-01-01T00:00:00.000Z
-- $4 = visit
-- $5 = signup
-- $6 = activated
-- $7 = returned
-- $8 = 14
-- $9 = 3
WITH per_unit AS (
  SELECT e.unit_id,
         max(e.occurred_at) FILTER (WHERE e.step_key = $4 AND e.outcome = 'deviated') AS deviated_0,
         max(e.occurred_at) FILTER (WHERE e.step_key = $4 AND e.outcome = 'aligned') AS aligned_0,
         max(e.occurred_at) FILTER (WHERE e.step_key = $5 AND e.outcome = 'deviated') AS deviated_1,
         max(e.occurred_at) FILTER (WHERE e.step_key = $5 AND e.outcome = 'aligned') AS aligned_1,
         max(e.occurred_at) FILTER (WHERE e.step_key = $6 AND e.outcome = 'deviated') AS deviated_2,
         array_agg(e.occurred_at) FILTER (WHERE e.step_key = $6 AND e.outcome = 'aligned') AS aligned_2,
         max(e.occurred_at) FILTER (WHERE e.step_key = $7 AND e.outcome = 'deviated') AS deviated_3,
         max(e.occurred_at) FILTER (WHERE e.step_key = $7 AND e.outcome = 'aligned') AS aligned_3
  FROM step_events e
  WHERE e.flow_key = $2 AND e.occurred_at <= $3 AND e.step_key IN ($4, $5, $6, $7)
  GROUP BY e.unit_id
)
SELECT a.variant_key, count(*) AS total_units, min(a.assigned_at) AS first_assigned_at,
       count(*) AS units_0,
       count(*) FILTER (WHERE p.aligned_0 >= a.assigned_at) AS reached_0,
       count(*) FILTER (WHERE p.deviated_0 >= a.assigned_at) AS deviated_0,
       count(*) AS units_1,
       count(*) FILTER (WHERE p.aligned_1 >= a.assigned_at) AS reached_1,
       count(*) FILTER (WHERE p.deviated_1 >= a.assigned_at) AS deviated_1,
       count(*) FILTER (WHERE a.assigned_at <= $3::timestamptz - make_interval(days => $8::int)) AS units_2,
       count(*) FILTER (WHERE a.assigned_at <= $3::timestamptz - make_interval(days => $8::int) AND (SELECT count(*) FROM unnest(p.aligned_2) AS t(at)
          WHERE t.at >= a.assigned_at AND t.at < a.assigned_at + make_interval(days => $8::int)) >= $9::int) AS reached_2,
       count(*) FILTER (WHERE a.assigned_at <= $3::timestamptz - make_interval(days => $8::int) AND p.deviated_2 >= a.assigned_at) AS deviated_2,
       count(*) AS units_3,
       count(*) FILTER (WHERE p.aligned_3 >= a.assigned_at) AS reached_3,
       count(*) FILTER (WHERE p.deviated_3 >= a.assigned_at) AS deviated_3
FROM assignments a
LEFT JOIN per_unit p ON p.unit_id = a.unit_id
WHERE a.experiment_id = $1 AND NOT a.forced AND a.assigned_at <= $3
GROUP BY a.variant_key
