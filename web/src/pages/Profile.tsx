import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type User } from '../api';
import { useApp } from '../app-state';
import { LANGUAGES, setLanguage, type Language } from '../i18n';
import { ErrorBox, errorText, Notice } from '../ui';

/** The user's own account: name, password, language and theme. */
export function ProfilePage() {
  const { t } = useTranslation();
  const { session } = useApp();
  return (
    <section className="narrow">
      <h1>{t('Profile')}</h1>
      <p>{t('Signed in as {{name}} ({{email}}).', { name: session?.user.name, email: session?.user.email })}</p>
      {session && <NameForm key={session.user.id} name={session.user.name} />}
      {session && <PasswordForm email={session.user.email} />}
      <Appearance />
    </section>
  );
}

function NameForm({ name: current }: { name: string }) {
  const { t } = useTranslation();
  const [name, setName] = useState(current);
  const save = useMutation({
    mutationFn: () => api.patch<User>('/api/v1/users/me', { name: name.trim() }).then((r) => r.data),
    onSuccess: (user) => api.updateUser(user),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} className="panel" aria-labelledby="name-heading">
      <h2 id="name-heading">{t('Your name')}</h2>
      <label htmlFor="profile-name">{t('Name')}</label>
      <input id="profile-name" required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" />
      <ErrorBox message={errorText(save.error)} />
      {save.isSuccess && <Notice>{t('Your name was saved.')}</Notice>}
      <button type="submit" disabled={save.isPending}>{t('Save name')}</button>
    </form>
  );
}

function PasswordForm({ email }: { email: string }) {
  const { t } = useTranslation();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const change = useMutation({
    mutationFn: async () => {
      await api.patch<User>('/api/v1/users/me', { currentPassword, newPassword });
      // a password change revokes every refresh token of the user, this tab's too: sign in again with
      // the new password so that the session goes on
      await api.login(email, newPassword);
    },
    onSuccess: () => {
      setCurrent('');
      setNew('');
      setRepeat('');
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMismatch(newPassword !== repeat);
    if (newPassword === repeat) change.mutate();
  };
  return (
    <form onSubmit={submit} className="panel" aria-labelledby="password-heading">
      <h2 id="password-heading">{t('Change your password')}</h2>
      <label htmlFor="current-password">{t('Current password')}</label>
      <input id="current-password" type="password" autoComplete="current-password" required value={currentPassword} onChange={(e) => setCurrent(e.target.value)} />
      <label htmlFor="new-password">{t('New password (8 to 128 characters)')}</label>
      <input id="new-password" type="password" autoComplete="new-password" required minLength={8} maxLength={128} value={newPassword} onChange={(e) => setNew(e.target.value)} />
      <label htmlFor="repeat-password">{t('Repeat the new password')}</label>
      <input id="repeat-password" type="password" autoComplete="new-password" required minLength={8} maxLength={128} value={repeat} onChange={(e) => setRepeat(e.target.value)} />
      <ErrorBox message={mismatch ? t('The two new passwords differ.') : errorText(change.error)} />
      {change.isSuccess && <Notice>{t('Your password was changed. Other devices have been signed out.')}</Notice>}
      <button type="submit" disabled={change.isPending}>{t('Change password')}</button>
    </form>
  );
}

function Appearance() {
  const { t } = useTranslation();
  const { theme, language, savePreferences } = useApp();
  // the radio follows the click at once; the saved preference catches up (a controlled input bound only to
  // the server state snaps back until the save has gone through)
  const [pendingTheme, setPendingTheme] = useState<'light' | 'dark' | null>(null);
  const shownTheme = pendingTheme ?? theme;
  // the message is translated when shown, so it follows a language switch
  const [saved, setSaved] = useState<{ key: string; language?: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const save = (change: Record<string, unknown>, what: { key: string; language?: string }) => {
    setSaved(null);
    setError(null);
    return savePreferences(change).then(() => setSaved(what),
      (e) => setError(t('Your choice applies here but was not saved: {{reason}}', { reason: errorText(e) })));
  };
  const chooseTheme = (next: 'light' | 'dark') => {
    setPendingTheme(next);
    void save({ theme: next }, { key: next === 'dark' ? 'Saved: dark theme.' : 'Saved: light theme.' })
      .finally(() => setPendingTheme(null));
  };
  const chooseLanguage = (code: Language) => {
    void setLanguage(code); // here at once (as soon as its strings are fetched); saved for the next login
    void save({ language: code }, { key: 'Saved: {{language}}.', language: LANGUAGES.find((l) => l.code === code)?.label });
  };
  return (
    <div className="panel">
      <h2>{t('Language and theme')}</h2>
      <label htmlFor="profile-language">{t('Language')}</label>
      <select id="profile-language" value={language} onChange={(e) => chooseLanguage(e.target.value as Language)}>
        {LANGUAGES.map((l) => <option key={l.code} value={l.code} lang={l.code}>{l.label}</option>)}
      </select>
      <fieldset>
        <legend>{t('Theme')}</legend>
        <label className="inline"><input type="radio" name="theme" value="light" checked={shownTheme === 'light'}
          onChange={() => chooseTheme('light')} /> {t('Light')}</label>
        <label className="inline"><input type="radio" name="theme" value="dark" checked={shownTheme === 'dark'}
          onChange={() => chooseTheme('dark')} /> {t('Dark')}</label>
      </fieldset>
      {saved && <Notice>{t(saved.key, { language: saved.language })}</Notice>}
      <ErrorBox message={error} />
      <p className="muted">{t('Your choices are saved in your account preferences and follow you to other devices.')}</p>
    </div>
  );
}
