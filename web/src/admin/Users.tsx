import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type AdminUser, type Page, type User } from '../api';
import { date, dateTime, money, number } from '../i18n';
import { apiQuery } from '../query';
import { Empty, ErrorBox, errorText, Loading, Notice, Pager } from '../ui';

export function AdminUsersPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [page, setPage] = useState(0);
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [role, setRole] = useState('');
  const [active, setActive] = useState('');
  const params = new URLSearchParams({ page: String(page), size: '20', sort: 'createdAt,desc' });
  if (search) params.set('q', search);
  if (role) params.set('role', role);
  if (active) params.set('active', active);
  const list = useQuery({
    ...apiQuery<Page<AdminUser>>(['users', 'list', params.toString()], `/api/v1/users?${params}`),
    placeholderData: keepPreviousData,
  });
  const change = useMutation({
    mutationFn: ({ user, body }: { user: User; body: Partial<User> }) => api.patch<User>(`/api/v1/users/${user.id}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['users'] }),
  });
  return (
    <section>
      <h1>{t('Users')}</h1>
      <CreateUser />
      <form className="toolbar" role="search" onSubmit={(e) => { e.preventDefault(); setPage(0); setSearch(q.trim()); }}>
        <label htmlFor="users-q" className="sr-only">{t('Search users')}</label>
        <input id="users-q" type="search" placeholder={t('Name or email')} value={q} onChange={(e) => setQ(e.target.value)} />
        <button type="submit">{t('Search')}</button>
        <label>{t('Role')} <select value={role} onChange={(e) => { setPage(0); setRole(e.target.value); }}>
          <option value="">{t('Any')}</option><option value="user">{t('user')}</option><option value="admin">{t('admin')}</option>
        </select></label>
        <label>{t('Status')} <select value={active} onChange={(e) => { setPage(0); setActive(e.target.value); }}>
          <option value="">{t('Any')}</option><option value="true">{t('active')}</option><option value="false">{t('deactivated')}</option>
        </select></label>
      </form>
      <ErrorBox message={errorText(change.error ?? list.error)} />
      {list.isPending && <Loading />}
      {list.data && list.data.content.length === 0 && <Empty>{t('No users match.')}</Empty>}
      {list.data && list.data.content.length > 0 && (
        <table>
          <thead><tr><th>{t('Name')}</th><th>{t('Email')}</th><th>{t('Role')}</th><th>{t('Active')}</th><th>{t('Joined')}</th>
            <th>{t('Orders')}</th><th>{t('Lifetime spend')}</th><th>{t('Last order')}</th><th>{t('Actions')}</th></tr></thead>
          <tbody>{list.data.content.map((u) => (
            <tr key={u.id} data-user={u.email}>
              <td>{u.name}</td><td>{u.email}</td><td data-role={u.role}>{t(u.role)}</td><td data-active={u.active}>{u.active ? t('yes') : t('no')}</td>
              <td>{date(u.createdAt)}</td>
              <td data-orders={u.orderCount}>{number(u.orderCount)}</td><td>{money(u.lifetimeSpendCents)}</td>
              <td>{u.lastOrderAt ? dateTime(u.lastOrderAt) : t('never')}</td>
              <td>
                <button type="button" disabled={change.isPending} onClick={() => change.mutate({ user: u, body: { role: u.role === 'admin' ? 'user' : 'admin' } })}>
                  {u.role === 'admin' ? t('Make user') : t('Make admin')}
                </button>{' '}
                <button type="button" className="secondary" disabled={change.isPending} onClick={() => {
                  if (!u.active || window.confirm(t('Deactivate {{email}}? They are logged out and can no longer log in.', { email: u.email }))) {
                    change.mutate({ user: u, body: { active: !u.active } });
                  }
                }}>{u.active ? t('Deactivate') : t('Reactivate')}</button>
              </td>
            </tr>
          ))}</tbody>
        </table>
      )}
      {list.data && <Pager page={list.data.page.number} totalPages={list.data.page.totalPages} onPage={setPage} />}
    </section>
  );
}

const EMPTY = { name: '', email: '', password: '', role: 'user' };

function CreateUser() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form, setForm] = useState(EMPTY);
  const create = useMutation({
    mutationFn: (body: typeof EMPTY) => api.post<User>('/api/v1/users', body).then((r) => r.data),
    onSuccess: () => {
      setForm(EMPTY);
      void client.invalidateQueries({ queryKey: ['users'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(form);
  };
  const set = (name: keyof typeof EMPTY) => (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value });
  return (
    <details className="panel">
      <summary>{t('New user')}</summary>
      <form onSubmit={submit} className="form-grid" aria-label={t('New user')}>
        <label>{t('Name')}<input required maxLength={100} value={form.name} onChange={set('name')} /></label>
        <label>{t('Email')}<input type="email" required value={form.email} onChange={set('email')} autoComplete="off" /></label>
        <label>{t('Initial password (8 to 128 characters)')}<input type="password" required minLength={8} maxLength={128} value={form.password}
          onChange={set('password')} autoComplete="new-password" /></label>
        <label>{t('Role')}<select value={form.role} onChange={set('role')}>
          <option value="user">{t('user')}</option><option value="admin">{t('admin')}</option></select></label>
        <button type="submit" disabled={create.isPending}>{t('Create user')}</button>
      </form>
      <ErrorBox message={errorText(create.error)} />
      {create.data && <Notice>{t('Created {{email}} as {{role}}.', { email: create.data.email, role: t(create.data.role) })}</Notice>}
    </details>
  );
}
