import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from 'i18next';
import { api } from '../src/api';
import { money, setLanguage } from '../src/i18n';
import { ProfilePage } from '../src/pages/Profile';
import { json, session, user } from './fakeServer';
import { renderScreen } from './render';
import { routes } from './routes';

beforeEach(async () => {
  vi.stubGlobal('fetch', routes({ 'POST /api/v1/auth/login': () => json(200, session(1)) }).fetch);
  await api.login('ada@example.test', 'pw-123456');
});
afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await setLanguage('en');
});

describe('the profile', () => {
  it('changes the password with the current one, then signs in again with the new one', async () => {
    const net = routes({
      'PATCH /api/v1/users/me': () => json(200, user),
      'POST /api/v1/auth/login': () => json(200, session(2)),
    });
    vi.stubGlobal('fetch', net.fetch);
    renderScreen(<ProfilePage />);

    fireEvent.change(screen.getByLabelText('Current password'), { target: { value: 'old-password' } });
    fireEvent.change(screen.getByLabelText('New password (8 to 128 characters)'), { target: { value: 'new-password' } });
    fireEvent.change(screen.getByLabelText('Repeat the new password'), { target: { value: 'new-password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));

    expect(await screen.findByText(/Your password was changed/)).toBeInTheDocument();
    expect(net.requests.map((r) => [r.method, r.url, r.body])).toEqual([
      ['PATCH', '/api/v1/users/me', { currentPassword: 'old-password', newPassword: 'new-password' }],
      ['POST', '/api/v1/auth/login', { email: 'ada@example.test', password: 'new-password' }],
    ]);
    expect(api.current?.accessToken).toBe('access-2');
  });

  it('sends nothing when the repeated password differs, and shows the server\'s refusal of a wrong current password', async () => {
    const net = routes({ 'PATCH /api/v1/users/me': () => json(400, { status: 400, detail: 'The current password is wrong.' }) });
    vi.stubGlobal('fetch', net.fetch);
    renderScreen(<ProfilePage />);
    fireEvent.change(screen.getByLabelText('Current password'), { target: { value: 'wrong-password' } });
    fireEvent.change(screen.getByLabelText('New password (8 to 128 characters)'), { target: { value: 'new-password' } });
    fireEvent.change(screen.getByLabelText('Repeat the new password'), { target: { value: 'other-password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('The two new passwords differ.');
    expect(net.requests).toHaveLength(0);

    fireEvent.change(screen.getByLabelText('Repeat the new password'), { target: { value: 'new-password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('The current password is wrong.')).toBeInTheDocument();
    expect(api.current?.accessToken).toBe('access-1');
  });

  it('saves a new name and shows it for the signed-in user', async () => {
    const net = routes({ 'PATCH /api/v1/users/me': () => json(200, { ...user, name: 'Ada Lovelace' }) });
    vi.stubGlobal('fetch', net.fetch);
    renderScreen(<ProfilePage />);

    fireEvent.change(screen.getByLabelText('Name'), { target: { value: ' Ada Lovelace ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save name' }));

    expect(await screen.findByText('Your name was saved.')).toBeInTheDocument();
    expect(net.requests[0].body).toEqual({ name: 'Ada Lovelace' });
    expect(api.current?.user.name).toBe('Ada Lovelace');
  });

  it('switches the screen to German at once and saves the language in the preferences', async () => {
    const savePreferences = vi.fn(() => Promise.resolve());
    renderScreen(<ProfilePage />, { state: { savePreferences } });

    fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'de' } });

    expect(await screen.findByRole('heading', { name: 'Profil', level: 1 })).toBeInTheDocument();
    expect(savePreferences).toHaveBeenCalledWith({ language: 'de' });
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Gespeichert: Deutsch.'));
    expect(document.documentElement.lang).toBe('de');
  });
});

describe('locale formatting', () => {
  it('formats money for the chosen language, always in US dollars', async () => {
    expect(money(123456)).toBe('$1,234.56');
    await setLanguage('de');
    expect(i18n.language).toBe('de');
    expect(money(123456).replace(/\s/g, ' ')).toBe('1.234,56 $');
  });
});
