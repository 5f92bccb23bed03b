WITH inserted AS (
  INSERT INTO step_events (id, unit_id, flow_key, step_key, outcome, occurred_at, properties)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::jsonb[])
  ON CONFLICT (id) DO NOTHING
  RETURNING 1)
SELECT count(*)::int AS inserted FROM inserted
