import type { ApiKeyScope } from '@verdict/shared';

/** Who is calling: set on the request by the auth guard, read by controllers for the status history. */
export interface Principal {
  scope: ApiKeyScope;
  /** The API key's id, or null for the admin token. */
  keyId: string | null;
  /** Recorded as the actor of what this caller changes. */
  actor: string;
}

export const ADMIN_PRINCIPAL: Principal = { scope: 'admin', keyId: null, actor: 'admin' };
