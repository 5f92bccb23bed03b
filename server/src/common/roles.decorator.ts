import { SetMetadata } from '@nestjs/common';
import type { ApiKeyScope, Role } from '@verdict/shared';

export const ACCESS = 'verdict:access';

/**
 * Who may call a route: a role and every role above it (`viewer` < `editor` < `admin`), `sdk`
 * (sdk and admin keys: the application routes) or `any` signed-in key. A route without one
 * is admin-only, so a route someone forgets to mark stays closed.
 */
export type Access = Role | 'sdk' | 'any';

const ALLOWED: Record<Access, readonly ApiKeyScope[]> = {
  viewer: ['viewer', 'editor', 'admin'],
  editor: ['editor', 'admin'],
  admin: ['admin'],
  sdk: ['sdk', 'admin'],
  any: ['viewer', 'editor', 'admin', 'sdk'],
};

export function allows(scope: ApiKeyScope, access: Access): boolean {
  return ALLOWED[access].includes(scope);
}

/** The lowest role that may call this route: `@MinRole('editor')`. */
export const MinRole = (role: Role) => SetMetadata(ACCESS, role);

/** Any signed-in key, whatever its scope (e.g. `GET /me`). */
export const AnyKey = () => SetMetadata(ACCESS, 'any' satisfies Access);
