import { useState } from 'react';
import { api, type Page, type User } from '../api';
import { useAction, useLoad } from '../hooks';
import { Empty, ErrorBox, Loading, Pager } from '../ui';

export function AdminUsersPage() {
  const [page, setPage] = useState(0);
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [role, setRole] = useState('');
  const [active, setActive] = useState('');
  const { error, run } = useAction();
  const params = new URLSearchParams({ page: String(page), size: '20', sort: 'createdAt,desc' });
  if (search) params.set('q', search);
  if (role) params.set('role', role);
  if (active) params.set('active', active);
  const list = useLoad(() => api.get<Page<User>>(`/api/v1/users?${params}`).then((r) => r.data), [params.toString()]);
  const change = (user: User, body: Partial<User>) => run(async () => {
    await api.patch(`/api/v1/users/${user.id}`, body);
    list.reload();
  });
  return (
    <section>
      <h1>Users</h1>
      <form className="toolbar" role="search" onSubmit={(e) => { e.preventDefault(); setPage(0); setSearch(q.trim()); }}>
        <label htmlFor="users-q" className="sr-only">Search users</label>
        <input id="users-q" type="search" placeholder="Name or email" value={q} onChange={(e) => setQ(e.target.value)} />
        <button type="submit">Search</button>
        <label>Role <select value={role} onChange={(e) => { setPage(0); setRole(e.target.value); }}>
          <option value="">Any</option><option value="user">user</option><option value="admin">admin</option>
        </select></label>
        <label>Status <select value={active} onChange={(e) => { setPage(0); setActive(e.target.value); }}>
          <option value="">Any</option><option value="true">active</option><option value="false">deactivated</option>
        </select></label>
      </form>
      <ErrorBox message={error ?? list.error} />
      {list.loading && <Loading />}
      {list.data && list.data.content.length === 0 && <Empty>No users match.</Empty>}
      {list.data && list.data.content.length > 0 && (
        <table>
          <thead><tr><th>Name</th><th>Email</th><th>Role</th><th>Active</th><th>Joined</th><th>Actions</th></tr></thead>
          <tbody>{list.data.content.map((u) => (
            <tr key={u.id}>
              <td>{u.name}</td><td>{u.email}</td><td>{u.role}</td><td>{u.active ? 'yes' : 'no'}</td>
              <td>{new Date(u.createdAt).toLocaleDateString()}</td>
              <td>
                <button type="button" onClick={() => change(u, { role: u.role === 'admin' ? 'user' : 'admin' })}>
                  Make {u.role === 'admin' ? 'user' : 'admin'}
                </button>{' '}
                <button type="button" className="secondary" onClick={() => {
                  if (!u.active || window.confirm(`Deactivate ${u.email}? They are logged out and can no longer log in.`)) change(u, { active: !u.active });
                }}>{u.active ? 'Deactivate' : 'Reactivate'}</button>
              </td>
            </tr>
          ))}</tbody>
        </table>
      )}
      {list.data && <Pager page={list.data.page.number} totalPages={list.data.page.totalPages} onPage={setPage} />}
    </section>
  );
}
