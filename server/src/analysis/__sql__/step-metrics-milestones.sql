-- $1 = 00000000-0000-4000-8000-000000000001
-- $2 = workspace
-- $3 = 2026-01-01T00:00:00.000Z
-- $4 = invited
-- $5 = reports
-- $6 = alerts
-- $7 = dashboards
-- $8 = mature
-- $9 = active_seats
-- $10 = 30
-- $11 = 2
-- $12 = 30
-- $13 = 5
-- $14 = seats
WITH per_unit AS (
  SELECT e.unit_id,
         max(e.occurred_at) FILTER (WHERE e.step_key = $4 AND e.outcome = 'deviated') AS deviated_0,
         max(e.occurred_at) FILTER (WHERE e.step_key = $4 AND e.outcome = 'aligned') AS aligned_0,
         max(e.occurred_at) FILTER (WHERE e.step_key = $5 AND e.outcome = 'deviated') AS deviated_1,
         min(e.occurred_at) FILTER (WHERE e.step_key = $5 AND e.outcome = 'aligned') AS first_aligned_1,
         max(e.occurred_at) FILTER (WHERE e.step_key = $5 AND e.outcome = 'aligned') AS aligned_1,
         max(e.occurred_at) FILTER (WHERE e.step_key = $6 AND e.outcome = 'deviated') AS deviated_2,
         min(e.occurred_at) FILTER (WHERE e.step_key = $6 AND e.outcome = 'aligned') AS first_aligned_2,
         max(e.occurred_at) FILTER (WHERE e.step_key = $6 AND e.outcome = 'aligned') AS aligned_2,
         max(e.occurred_at) FILTER (WHERE e.step_key = $7 AND e.outcome = 'deviated') AS deviated_3,
         min(e.occurred_at) FILTER (WHERE e.step_key = $7 AND e.outcome = 'aligned') AS first_aligned_3,
         max(e.occurred_at) FILTER (WHERE e.step_key = $7 AND e.outcome = 'aligned') AS aligned_3,
         max(e.occurred_at) FILTER (WHERE e.step_key = $8 AND e.outcome = 'deviated') AS deviated_4,
         max(e.occurred_at) FILTER (WHERE e.step_key = $9 AND e.outcome = 'deviated') AS deviated_5,
         array_agg(e.occurred_at) FILTER (WHERE e.step_key = $9 AND e.outcome = 'aligned') AS aligned_5
  FROM step_events e
  WHERE e.flow_key = $2 AND e.occurred_at <= $3 AND e.step_key IN ($4, $5, $6, $7, $8, $9)
  GROUP BY e.unit_id
)
SELECT a.variant_key, count(*) AS total_units, min(a.assigned_at) AS first_assigned_at,
       count(*) AS units_0,
       count(*) FILTER (WHERE p.aligned_0 >= a.assigned_at) AS reached_0,
       count(*) FILTER (WHERE p.deviated_0 >= a.assigned_at) AS deviated_0,
       count(*) AS units_1,
       count(*) FILTER (WHERE p.aligned_1 >= a.assigned_at) AS reached_1,
       count(*) FILTER (WHERE p.deviated_1 >= a.assigned_at) AS deviated_1,
       count(*) AS units_2,
       count(*) FILTER (WHERE p.aligned_2 >= a.assigned_at) AS reached_2,
       count(*) FILTER (WHERE p.deviated_2 >= a.assigned_at) AS deviated_2,
       count(*) AS units_3,
       count(*) FILTER (WHERE p.aligned_3 >= a.assigned_at) AS reached_3,
       count(*) FILTER (WHERE p.deviated_3 >= a.assigned_at) AS deviated_3,
       count(*) FILTER (WHERE a.assigned_at <= $3::timestamptz - make_interval(days => $10::int)) AS units_4,
       count(*) FILTER (WHERE a.assigned_at <= $3::timestamptz - make_interval(days => $10::int) AND ((CASE WHEN p.first_aligned_1 IS NULL OR p.first_aligned_1 >= a.assigned_at + make_interval(days => $10::int) OR p.aligned_1 < a.assigned_at THEN false
         WHEN p.first_aligned_1 >= a.assigned_at OR p.aligned_1 < a.assigned_at + make_interval(days => $10::int) THEN true
         ELSE EXISTS (SELECT 1 FROM step_events w
           WHERE w.flow_key = $2 AND w.unit_id = a.unit_id AND w.step_key = $5
             AND w.occurred_at >= a.assigned_at AND w.occurred_at < a.assigned_at + make_interval(days => $10::int) AND w.occurred_at <= $3
             AND w.outcome = 'aligned') END)::int
          + (CASE WHEN p.first_aligned_2 IS NULL OR p.first_aligned_2 >= a.assigned_at + make_interval(days => $10::int) OR p.aligned_2 < a.assigned_at THEN false
         WHEN p.first_aligned_2 >= a.assigned_at OR p.aligned_2 < a.assigned_at + make_interval(days => $10::int) THEN true
         ELSE EXISTS (SELECT 1 FROM step_events w
           WHERE w.flow_key = $2 AND w.unit_id = a.unit_id AND w.step_key = $6
             AND w.occurred_at >= a.assigned_at AND w.occurred_at < a.assigned_at + make_interval(days => $10::int) AND w.occurred_at <= $3
             AND w.outcome = 'aligned') END)::int
          + (CASE WHEN p.first_aligned_3 IS NULL OR p.first_aligned_3 >= a.assigned_at + make_interval(days => $10::int) OR p.aligned_3 < a.assigned_at THEN false
         WHEN p.first_aligned_3 >= a.assigned_at OR p.aligned_3 < a.assigned_at + make_interval(days => $10::int) THEN true
         ELSE EXISTS (SELECT 1 FROM step_events w
           WHERE w.flow_key = $2 AND w.unit_id = a.unit_id AND w.step_key = $7
             AND w.occurred_at >= a.assigned_at AND w.occurred_at < a.assigned_at + make_interval(days => $10::int) AND w.occurred_at <= $3
             AND w.outcome = 'aligned') END)::int) >= $11::int) AS reached_4,
       count(*) FILTER (WHERE a.assigned_at <= $3::timestamptz - make_interval(days => $10::int) AND p.deviated_4 >= a.assigned_at) AS deviated_4,
       count(*) FILTER (WHERE a.assigned_at <= $3::timestamptz - make_interval(days => $12::int) AND (CASE WHEN jsonb_typeof(a.attributes -> $14::text) = 'number' THEN (a.attributes ->> $14::text)::numeric END) > 0) AS units_5,
       count(*) FILTER (WHERE a.assigned_at <= $3::timestamptz - make_interval(days => $12::int) AND (CASE WHEN jsonb_typeof(a.attributes -> $14::text) = 'number' THEN (a.attributes ->> $14::text)::numeric END) > 0 AND (SELECT count(*) FROM unnest(p.aligned_5) AS t(at)
          WHERE t.at >= a.assigned_at AND t.at < a.assigned_at + make_interval(days => $12::int)) >= $13::numeric * (CASE WHEN jsonb_typeof(a.attributes -> $14::text) = 'number' THEN (a.attributes ->> $14::text)::numeric END)) AS reached_5,
       count(*) FILTER (WHERE a.assigned_at <= $3::timestamptz - make_interval(days => $12::int) AND (CASE WHEN jsonb_typeof(a.attributes -> $14::text) = 'number' THEN (a.attributes ->> $14::text)::numeric END) > 0 AND p.deviated_5 >= a.assigned_at) AS deviated_5,
       count(*) FILTER (WHERE a.assigned_at <= $3::timestamptz - make_interval(days => $12::int) AND ((CASE WHEN jsonb_typeof(a.attributes -> $14::text) = 'number' THEN (a.attributes ->> $14::text)::numeric END) > 0) IS NOT TRUE) AS excluded_5
FROM assignments a
LEFT JOIN per_unit p ON p.unit_id = a.unit_id
WHERE a.experiment_id = $1 AND NOT a.forced AND a.assigned_at <= $3
GROUP BY a.variant_key
