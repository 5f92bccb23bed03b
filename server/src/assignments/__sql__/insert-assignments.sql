INSERT INTO assignments (experiment_id, unit_id, variant_key, attributes, forced, source, assigned_at)
SELECT t.experiment_id, t.unit_id, t.variant_key, t.attributes, t.forced, t.source, COALESCE(t.assigned_at, now())
  FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[], $5::boolean[], $6::text[], $7::timestamptz[])
       AS t(experiment_id, unit_id, variant_key, attributes, forced, source, assigned_at)
ON CONFLICT (experiment_id, unit_id) DO NOTHING
RETURNING experiment_id, unit_id, variant_key, assigned_at
