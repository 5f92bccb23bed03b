import type { Role } from '@verdict/shared';
import type { ReactNode } from 'react';
import { useCan } from '../hooks/use-me';

/** Renders its children only for keys whose role reaches `role` (the API refuses the rest anyway). */
export function Can({ role, children }: { role: Role; children: ReactNode }) {
  return useCan(role) ? <>{children}</> : null;
}
