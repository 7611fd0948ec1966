import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from '../src/api';
import { usePreferences } from '../src/preferences';
import { newQueryClient } from '../src/query';
import { json, session } from './fakeServer';
import { routes } from './routes';

beforeEach(async () => {
  vi.stubGlobal('fetch', routes({ 'POST /api/v1/auth/login': () => json(200, session(1)) }).fetch);
  await api.login('ada@example.test', 'pw-123456');
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function Probe() {
  const prefs = usePreferences(true);
  const [saved, setSaved] = useState(false);
  return (
    <>
      <p data-testid="theme">{prefs.theme}</p>
      <button type="button" onClick={() => void prefs.save({ theme: 'dark' }).then(() => setSaved(true))}>Dark</button>
      {saved && <p>saved</p>}
    </>
  );
}

describe('the preferences', () => {
  it('a theme chosen while the first load is still under way is merged into what the server holds and stays chosen', async () => {
    let answerLoad: (r: Response) => void = () => {};
    const net = routes({
      'GET /api/v1/users/me/preferences': () => new Promise<Response>((resolve) => { answerLoad = resolve; }),
      'PUT /api/v1/users/me/preferences': () => new Response(null, { status: 204 }),
    });
    vi.stubGlobal('fetch', net.fetch);
    render(<QueryClientProvider client={newQueryClient()}><Probe /></QueryClientProvider>);
    await waitFor(() => expect(net.requests.map((r) => r.method)).toEqual(['GET']));

    fireEvent.click(screen.getByRole('button', { name: 'Dark' }));
    answerLoad(json(200, { language: 'de', theme: 'light', widgets: ['a'] }));
    expect(await screen.findByText('saved')).toBeInTheDocument();

    expect(net.requests.map((r) => [r.method, r.body])).toEqual([
      ['GET', undefined],
      ['PUT', { language: 'de', theme: 'dark', widgets: ['a'] }],
    ]);
    expect(screen.getByTestId('theme')).toHaveTextContent('dark');
  });
});
