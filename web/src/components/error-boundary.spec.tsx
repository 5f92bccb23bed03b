import '../testing/jsdom-polyfills';
import { render, screen } from '@testing-library/react';
import { ErrorBoundary } from './error-boundary';

function Broken(): never {
  throw new Error('results had no steps');
}

describe('ErrorBoundary', () => {
  it('shows what broke instead of a blank console, and recovers on the next page', () => {
    const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const { rerender } = render(
        <ErrorBoundary resetKey="/experiments/a">
          <Broken />
        </ErrorBoundary>,
      );
      expect(screen.getByRole('alert').textContent).toContain('results had no steps');
      rerender(
        <ErrorBoundary resetKey="/experiments/b">
          <p>next page</p>
        </ErrorBoundary>,
      );
      expect(screen.getByText('next page')).toBeTruthy();
      expect(screen.queryByRole('alert')).toBeNull();
    } finally {
      quiet.mockRestore();
    }
  });
});
