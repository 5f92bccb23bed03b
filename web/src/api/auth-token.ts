// The console keeps its credential for the browser session only (sessionStorage): closing the
// tab signs out, and nothing long-lived sits in localStorage.
const STORAGE_KEY = 'verdict.token';
export const UNAUTHORIZED_EVENT = 'verdict:unauthorized';

export function getToken(): string | null {
  try {
    return window.sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function setToken(token: string): void {
  window.sessionStorage.setItem(STORAGE_KEY, token);
}

export function clearToken(): void {
  window.sessionStorage.removeItem(STORAGE_KEY);
}
