import { useEffect } from 'react';

/** The browser tab and history say which page this is: "Setup checklist · Verdict". */
export function usePageTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Verdict` : 'Verdict';
  }, [title]);
}
