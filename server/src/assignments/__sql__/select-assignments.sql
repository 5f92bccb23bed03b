SELECT a.experiment_id, a.unit_id, a.variant_key, a.assigned_at
  FROM assignments a
  JOIN unnest($1::uuid[], $2::text[]) AS t(experiment_id, unit_id)
    ON a.experiment_id = t.experiment_id AND a.unit_id = t.unit_id
