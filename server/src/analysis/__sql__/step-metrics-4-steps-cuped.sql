-- $1 = 00000000-0000-4000-8000-000000000001
-- $2 = onboarding
-- $3 = 2026-01-01T00:00:00.000Z
-- $4 = 14
-- $5 = visit
-- $6 = signup
-- $7 = activated
-- $8 = returned
-- $9 = 14
-- $10 = 3
WITH per_unit AS (
  SELECT e.unit_id,
         max(e.occurred_at) FILTER (WHERE e.step_key = $5 AND e.outcome = 'deviated') AS deviated_0,
         min(e.occurred_at) FILTER (WHERE e.step_key = $5 AND e.outcome = 'aligned') AS first_aligned_0,
         max(e.occurred_at) FILTER (WHERE e.step_key = $5 AND e.outcome = 'aligned') AS aligned_0,
         max(e.occurred_at) FILTER (WHERE e.step_key = $6 AND e.outcome = 'deviated') AS deviated_1,
         min(e.occurred_at) FILTER (WHERE e.step_key = $6 AND e.outcome = 'aligned') AS first_aligned_1,
         max(e.occurred_at) FILTER (WHERE e.step_key = $6 AND e.outcome = 'aligned') AS aligned_1,
         max(e.occurred_at) FILTER (WHERE e.step_key = $7 AND e.outcome = 'deviated') AS deviated_2,
         array_agg(e.occurred_at) FILTER (WHERE e.step_key = $7 AND e.outcome = 'aligned') AS aligned_2,
         min(e.occurred_at) FILTER (WHERE e.step_key = $7 AND e.outcome = 'aligned') AS first_aligned_2,
         max(e.occurred_at) FILTER (WHERE e.step_key = $7 AND e.outcome = 'aligned') AS last_aligned_2,
         max(e.occurred_at) FILTER (WHERE e.step_key = $8 AND e.outcome = 'deviated') AS deviated_3,
         min(e.occurred_at) FILTER (WHERE e.step_key = $8 AND e.outcome = 'aligned') AS first_aligned_3,
         max(e.occurred_at) FILTER (WHERE e.step_key = $8 AND e.outcome = 'aligned') AS aligned_3
  FROM step_events e
  WHERE e.flow_key = $2 AND e.occurred_at <= $3 AND e.step_key IN ($5, $6, $7, $8)
  GROUP BY e.unit_id
)
SELECT a.variant_key, count(*) AS total_units, min(a.assigned_at) AS first_assigned_at,
       count(*) AS units_0,
       count(*) FILTER (WHERE p.aligned_0 >= a.assigned_at) AS reached_0,
       count(*) FILTER (WHERE p.deviated_0 >= a.assigned_at) AS deviated_0,
       count(*) FILTER (WHERE x.x_0) AS sum_x_0,
       count(*) FILTER (WHERE x.x_0 AND p.aligned_0 >= a.assigned_at) AS sum_xy_0,
       count(*) AS units_1,
       count(*) FILTER (WHERE p.aligned_1 >= a.assigned_at) AS reached_1,
       count(*) FILTER (WHERE p.deviated_1 >= a.assigned_at) AS deviated_1,
       count(*) FILTER (WHERE x.x_1) AS sum_x_1,
       count(*) FILTER (WHERE x.x_1 AND p.aligned_1 >= a.assigned_at) AS sum_xy_1,
       count(*) FILTER (WHERE a.assigned_at <= $3::timestamptz - make_interval(days => $9::int)) AS units_2,
       count(*) FILTER (WHERE a.assigned_at <= $3::timestamptz - make_interval(days => $9::int) AND (SELECT count(*) FROM unnest(p.aligned_2) AS t(at)
          WHERE t.at >= a.assigned_at AND t.at < a.assigned_at + make_interval(days => $9::int)) >= $10::int) AS reached_2,
       count(*) FILTER (WHERE a.assigned_at <= $3::timestamptz - make_interval(days => $9::int) AND p.deviated_2 >= a.assigned_at) AS deviated_2,
       count(*) FILTER (WHERE a.assigned_at <= $3::timestamptz - make_interval(days => $9::int) AND x.x_2) AS sum_x_2,
       count(*) FILTER (WHERE a.assigned_at <= $3::timestamptz - make_interval(days => $9::int) AND x.x_2 AND (SELECT count(*) FROM unnest(p.aligned_2) AS t(at)
          WHERE t.at >= a.assigned_at AND t.at < a.assigned_at + make_interval(days => $9::int)) >= $10::int) AS sum_xy_2,
       count(*) AS units_3,
       count(*) FILTER (WHERE p.aligned_3 >= a.assigned_at) AS reached_3,
       count(*) FILTER (WHERE p.deviated_3 >= a.assigned_at) AS deviated_3,
       count(*) FILTER (WHERE x.x_3) AS sum_x_3,
       count(*) FILTER (WHERE x.x_3 AND p.aligned_3 >= a.assigned_at) AS sum_xy_3
FROM assignments a
LEFT JOIN per_unit p ON p.unit_id = a.unit_id
LEFT JOIN LATERAL (SELECT CASE WHEN p.first_aligned_0 IS NULL OR p.first_aligned_0 >= a.assigned_at OR p.aligned_0 < a.assigned_at - make_interval(days => $4::int) THEN false
         WHEN p.first_aligned_0 >= a.assigned_at - make_interval(days => $4::int) OR p.aligned_0 < a.assigned_at THEN true
         ELSE EXISTS (SELECT 1 FROM step_events w
           WHERE w.flow_key = $2 AND w.unit_id = a.unit_id AND w.step_key = $5
             AND w.occurred_at >= a.assigned_at - make_interval(days => $4::int) AND w.occurred_at < a.assigned_at AND w.occurred_at <= $3
             AND w.outcome = 'aligned') END AS x_0,
       CASE WHEN p.first_aligned_1 IS NULL OR p.first_aligned_1 >= a.assigned_at OR p.aligned_1 < a.assigned_at - make_interval(days => $4::int) THEN false
         WHEN p.first_aligned_1 >= a.assigned_at - make_interval(days => $4::int) OR p.aligned_1 < a.assigned_at THEN true
         ELSE EXISTS (SELECT 1 FROM step_events w
           WHERE w.flow_key = $2 AND w.unit_id = a.unit_id AND w.step_key = $6
             AND w.occurred_at >= a.assigned_at - make_interval(days => $4::int) AND w.occurred_at < a.assigned_at AND w.occurred_at <= $3
             AND w.outcome = 'aligned') END AS x_1,
       CASE WHEN p.first_aligned_2 IS NULL OR p.first_aligned_2 >= a.assigned_at OR p.last_aligned_2 < a.assigned_at - make_interval(days => $4::int) THEN false
         WHEN p.first_aligned_2 >= a.assigned_at - make_interval(days => $4::int) OR p.last_aligned_2 < a.assigned_at THEN true
         ELSE EXISTS (SELECT 1 FROM unnest(p.aligned_2) AS t(at) WHERE t.at >= a.assigned_at - make_interval(days => $4::int) AND t.at < a.assigned_at) END AS x_2,
       CASE WHEN p.first_aligned_3 IS NULL OR p.first_aligned_3 >= a.assigned_at OR p.aligned_3 < a.assigned_at - make_interval(days => $4::int) THEN false
         WHEN p.first_aligned_3 >= a.assigned_at - make_interval(days => $4::int) OR p.aligned_3 < a.assigned_at THEN true
         ELSE EXISTS (SELECT 1 FROM step_events w
           WHERE w.flow_key = $2 AND w.unit_id = a.unit_id AND w.step_key = $8
             AND w.occurred_at >= a.assigned_at - make_interval(days => $4::int) AND w.occurred_at < a.assigned_at AND w.occurred_at <= $3
             AND w.outcome = 'aligned') END AS x_3) x ON true
WHERE a.experiment_id = $1 AND NOT a.forced AND a.assigned_at <= $3
GROUP BY a.variant_key
