import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { clearToken, getToken, setToken, UNAUTHORIZED_EVENT } from './api/auth-token';

interface AuthState {
  token: string | null;
  signIn(token: string): void;
  signOut(): void;
}

const AuthContext = createContext<AuthState | null>(null);

/** Holds the session's token; a 401 from any request (see api/client) clears it. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [token, setState] = useState<string | null>(() => getToken());

  useEffect(() => {
    const onUnauthorized = () => {
      setState(null);
      queryClient.clear();
    };
    window.addEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
  }, [queryClient]);

  const signIn = useCallback((value: string) => {
    setToken(value);
    setState(value);
  }, []);
  const signOut = useCallback(() => {
    clearToken();
    setState(null);
    queryClient.clear();
  }, [queryClient]);

  const value = useMemo(() => ({ token, signIn, signOut }), [token, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth must be used inside <AuthProvider>');
  return state;
}
