import type { Role } from '@verdict/shared';
import { useQuery } from '@tanstack/react-query';
import { getMe } from '../api/me';
import { queryKeys } from './query-keys';

export const useMe = () => useQuery({ queryKey: queryKeys.me, queryFn: () => getMe(), staleTime: 5 * 60_000 });

const RANK: Record<string, number> = { viewer: 1, editor: 2, admin: 3 };

/** Whether the signed-in key may do what `role` may. False while unknown: the console shows write actions only once it knows. */
export function useCan(role: Role): boolean {
  const me = useMe();
  return (RANK[me.data?.scope ?? ''] ?? 0) >= RANK[role];
}
