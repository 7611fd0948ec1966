import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { useAction } from '../hooks';
import { Link, navigate } from '../router';
import { ErrorBox } from '../ui';

export function LoginPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { error, busy, run } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    run(async () => {
      await api.login(email, password);
      navigate('/');
    });
  };
  return (
    <section className="narrow">
      <h1>Log in</h1>
      <form onSubmit={submit} aria-describedby="login-error">
        <label htmlFor="login-email">Email</label>
        <input id="login-email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
        <label htmlFor="login-password">Password</label>
        <input id="login-password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        <div id="login-error"><ErrorBox message={error} /></div>
        <button type="submit" disabled={busy}>{busy ? 'Logging in…' : 'Log in'}</button>
      </form>
      <p>New here? <Link href="/register">Create an account</Link></p>
    </section>
  );
}

export function RegisterPage() {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { error, busy, run } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    run(async () => {
      await api.register(name, email, password);
      navigate('/');
    });
  };
  return (
    <section className="narrow">
      <h1>Create an account</h1>
      <form onSubmit={submit}>
        <label htmlFor="reg-name">Name</label>
        <input id="reg-name" required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} autoFocus />
        <label htmlFor="reg-email">Email</label>
        <input id="reg-email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <label htmlFor="reg-password">Password (8 to 128 characters)</label>
        <input id="reg-password" type="password" autoComplete="new-password" required minLength={8} maxLength={128} value={password} onChange={(e) => setPassword(e.target.value)} />
        <ErrorBox message={error} />
        <button type="submit" disabled={busy}>{busy ? 'Creating…' : 'Create account'}</button>
      </form>
      <p>Already registered? <Link href="/login">Log in</Link></p>
    </section>
  );
}
