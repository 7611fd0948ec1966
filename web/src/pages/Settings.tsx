import { useState } from 'react';
import { describe } from '../api';
import { useApp } from '../app-state';
import { ErrorBox, Notice } from '../ui';

export function SettingsPage() {
  const { theme, setTheme, session } = useApp();
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const choose = (t: 'light' | 'dark') => {
    setSaved(null);
    setError(null);
    setTheme(t).then(() => setSaved(`Saved: ${t} theme.`), (e) => setError(`Your choice applies here but was not saved: ${describe(e)}`));
  };
  return (
    <section className="narrow">
      <h1>Settings</h1>
      <p>Signed in as {session?.user.name} ({session?.user.email}).</p>
      <fieldset>
        <legend>Theme</legend>
        <label className="inline"><input type="radio" name="theme" value="light" checked={theme === 'light'} onChange={() => choose('light')} /> Light</label>
        <label className="inline"><input type="radio" name="theme" value="dark" checked={theme === 'dark'} onChange={() => choose('dark')} /> Dark</label>
      </fieldset>
      {saved && <Notice>{saved}</Notice>}
      <ErrorBox message={error} />
      <p className="muted">Your choice is saved in your account preferences and follows you to other devices.</p>
    </section>
  );
}
