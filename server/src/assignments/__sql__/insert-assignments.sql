WITH t AS (
  SELECT *
    FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[], $5::boolean[], $6::text[], $7::timestamptz[], $8::jsonb[])
         WITH ORDINALITY AS t(experiment_id, unit_id, variant_key, attributes, forced, source, assigned_at, unit_attributes, n)
), current_attributes AS (
  INSERT INTO units (unit_id, attributes, updated_at)
  SELECT DISTINCT ON (unit_id) unit_id, unit_attributes, now()
    FROM t
   WHERE unit_attributes IS NOT NULL
   ORDER BY unit_id, n DESC
  ON CONFLICT (unit_id) DO UPDATE SET attributes = EXCLUDED.attributes, updated_at = EXCLUDED.updated_at
   WHERE units.attributes IS DISTINCT FROM EXCLUDED.attributes
)
INSERT INTO assignments (experiment_id, unit_id, variant_key, attributes, forced, source, assigned_at)
SELECT t.experiment_id, t.unit_id, t.variant_key, t.attributes, t.forced, t.source, COALESCE(t.assigned_at, now())
  FROM t
ON CONFLICT (experiment_id, unit_id) DO NOTHING
RETURNING experiment_id, unit_id, variant_key, assigned_at
