import type { Me } from '@verdict/shared';
import { apiRequest } from './client';

/** The signed-in key: `{name, scope}`. `token` checks a candidate key before signing in. */
export const getMe = (token?: string): Promise<Me> => apiRequest('GET', '/me', token === undefined ? {} : { token });
