import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../api';
import { ErrorBox, errorText } from '../ui';

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation({ mutationFn: () => api.login(email, password), onSuccess: () => navigate('/') });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate();
  };
  return (
    <section className="narrow">
      <h1>{t('Log in')}</h1>
      <form onSubmit={submit} aria-describedby="login-error">
        <label htmlFor="login-email">{t('Email')}</label>
        <input id="login-email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
        <label htmlFor="login-password">{t('Password')}</label>
        <input id="login-password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        <div id="login-error"><ErrorBox message={errorText(login.error)} /></div>
        <button type="submit" disabled={login.isPending}>{login.isPending ? t('Logging in…') : t('Log in')}</button>
      </form>
      <p>{t('New here?')} <Link to="/register">{t('Create an account')}</Link></p>
    </section>
  );
}

export function RegisterPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const register = useMutation({ mutationFn: () => api.register(name, email, password), onSuccess: () => navigate('/') });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    register.mutate();
  };
  return (
    <section className="narrow">
      <h1>{t('Create an account')}</h1>
      <form onSubmit={submit}>
        <label htmlFor="reg-name">{t('Name')}</label>
        <input id="reg-name" required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} autoFocus />
        <label htmlFor="reg-email">{t('Email')}</label>
        <input id="reg-email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <label htmlFor="reg-password">{t('Password (8 to 128 characters)')}</label>
        <input id="reg-password" type="password" autoComplete="new-password" required minLength={8} maxLength={128} value={password} onChange={(e) => setPassword(e.target.value)} />
        <ErrorBox message={errorText(register.error)} />
        <button type="submit" disabled={register.isPending}>{register.isPending ? t('Creating…') : t('Create account')}</button>
      </form>
      <p>{t('Already registered?')} <Link to="/login">{t('Log in')}</Link></p>
    </section>
  );
}
