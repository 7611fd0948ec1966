import { describe, expect, it } from 'vitest';
import { Api } from '../src/api';
import { fakeFetch, json, memoryStorage, session } from './fakeServer';

describe('the auth flow', () => {
  it('keeps the access token in memory and only the refresh token in session storage', async () => {
    const storage = memoryStorage();
    const net = fakeFetch([json(200, session(1))]);
    const api = new Api(net.fetch, storage);

    await api.login('ada@example.test', 'secret-password');

    expect(api.current?.accessToken).toBe('access-1');
    expect(storage.getItem('orderfleet.refresh')).toBe('refresh-1');
    const stored = Array.from({ length: storage.length }, (_, i) => storage.getItem(storage.key(i) ?? ''));
    expect(stored).toEqual(['refresh-1']);
    expect(net.requests[0].body).toEqual({ email: 'ada@example.test', password: 'secret-password' });
  });

  it('refreshes once on a 401 and retries the request with the new token', async () => {
    const net = fakeFetch([
      json(200, session(1)),
      json(401, { status: 401, title: 'Unauthorized' }),
      json(200, session(2)),
      json(200, { id: 7 }),
    ]);
    const api = new Api(net.fetch, memoryStorage());
    await api.login('ada@example.test', 'pw-123456');

    const me = await api.get<{ id: number }>('/api/v1/users/me');

    expect(me.data.id).toBe(7);
    expect(net.requests.map((r) => r.url)).toEqual(['/api/v1/auth/login', '/api/v1/users/me', '/api/v1/auth/refresh', '/api/v1/users/me']);
    expect(net.requests[2].body).toEqual({ refreshToken: 'refresh-1' });
    expect(net.requests[3].headers.Authorization).toBe('Bearer access-2');
  });

  it('concurrent 401s share a single refresh', async () => {
    const net = fakeFetch([
      json(200, session(1)),
      json(401, { status: 401 }), json(401, { status: 401 }),
      json(200, session(2)),
      json(200, { n: 1 }), json(200, { n: 2 }),
    ]);
    const api = new Api(net.fetch, memoryStorage());
    await api.login('a@b.c', 'pw-123456');

    await Promise.all([api.get('/api/v1/orders'), api.get('/api/v1/orders/stats')]);

    expect(net.requests.filter((r) => r.url === '/api/v1/auth/refresh')).toHaveLength(1);
  });

  it('a failed refresh logs the user out and clears the stored refresh token', async () => {
    const storage = memoryStorage();
    const net = fakeFetch([json(200, session(1)), json(401, { status: 401 }), json(401, { status: 401, detail: 'reused' })]);
    const api = new Api(net.fetch, storage);
    await api.login('a@b.c', 'pw-123456');
    const seen: unknown[] = [];
    api.onChange((s) => seen.push(s));

    await expect(api.get('/api/v1/users/me')).rejects.toMatchObject({ status: 401 });

    expect(api.current).toBeNull();
    expect(storage.getItem('orderfleet.refresh')).toBeNull();
    expect(seen).toEqual([null]);
  });

  it('renews the access token silently shortly before it expires, without waiting for a 401', async () => {
    let clock = 1_000_000;
    const net = fakeFetch([json(200, session(1)), json(200, session(2)), json(200, { id: 7 })]);
    const api = new Api(net.fetch, memoryStorage(), () => clock);
    await api.login('ada@example.test', 'pw-123456');

    clock += 890_000; // 14 min 50 s of a 15-minute token
    await api.get('/api/v1/users/me');

    expect(net.requests.map((r) => r.url)).toEqual(['/api/v1/auth/login', '/api/v1/auth/refresh', '/api/v1/users/me']);
    expect(net.requests[2].headers.Authorization).toBe('Bearer access-2');
  });

  it('logout revokes the refresh token on the server and forgets it locally', async () => {
    const storage = memoryStorage();
    const net = fakeFetch([json(200, session(1)), new Response(null, { status: 204 })]);
    const api = new Api(net.fetch, storage);
    await api.login('ada@example.test', 'pw-123456');

    await api.logout();

    expect(net.requests[1]).toMatchObject({ url: '/api/v1/auth/logout', method: 'POST', body: { refreshToken: 'refresh-1' } });
    expect(net.requests[1].headers.Authorization).toBeUndefined();
    expect(api.current).toBeNull();
    expect(storage.getItem('orderfleet.refresh')).toBeNull();
  });

  it('restores a session after a reload from the refresh token alone', async () => {
    const storage = memoryStorage();
    storage.setItem('orderfleet.refresh', 'refresh-1');
    const net = fakeFetch([json(200, session(2))]);
    const api = new Api(net.fetch, storage);

    expect(await api.restore()).toBe(true);

    expect(api.current?.accessToken).toBe('access-2');
    expect(storage.getItem('orderfleet.refresh')).toBe('refresh-2');
  });
});
