// Roles, the signed-in key and unit deletion (docs/api.md, "Roles" and "Deleting a unit").
import type { ApiKeyScope } from '../vocabularies';

/** What a route requires: `viewer` < `editor` < `admin`; `sdk` keys call only the application routes. */
export type Role = 'viewer' | 'editor' | 'admin';

export interface UnitDeletion {
  assignments: number;
  exposures: number;
  events: number;
}

/** `GET /me`: the signed-in key. */
export interface Me {
  name: string;
  scope: ApiKeyScope;
}
