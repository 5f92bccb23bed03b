// Shapes every resource uses. Dates travel as ISO-8601 strings.

export type Attributes = Record<string, unknown>;

export interface Page<T> {
  items: T[];
  total: number;
}

export interface ApiError {
  statusCode: number;
  error: string;
  message: string;
  /** Field-level problems of a 400: `{field: "steps[0].kind", reason: "must be one of …"}`. */
  errors?: { field: string; reason: string }[];
  errorId?: string;
}

export interface Health {
  status: 'ok' | 'degraded';
  postgres: 'up' | 'down';
  redis: 'up' | 'down';
}
