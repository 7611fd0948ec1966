// A fetch stand-in at the network boundary: records requests, answers from a queue of responses.
export type Recorded = { url: string; method: string; headers: Record<string, string>; body: unknown };

/** What the app sent, in the shape the tests assert on. */
export function recorded(url: RequestInfo | URL, init?: RequestInit): Recorded {
  return {
    url: String(url), method: init?.method ?? 'GET', headers: (init?.headers ?? {}) as Record<string, string>,
    body: init?.body ? JSON.parse(String(init.body)) : undefined,
  };
}

export function fakeFetch(responses: Array<Response | ((req: Recorded) => Response | Promise<Response>)>) {
  const requests: Recorded[] = [];
  const fn = async (url: RequestInfo | URL, init?: RequestInit) => {
    const req = recorded(url, init);
    requests.push(req);
    const next = responses.shift();
    if (!next) throw new TypeError('network down');
    return typeof next === 'function' ? next(req) : next;
  };
  return { fetch: fn as typeof fetch, requests };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers } });
}

export function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k),
    clear: () => map.clear(), key: () => null, get length() { return map.size; },
  } as Storage;
}

export const user = { id: 7, name: 'Ada', email: 'ada@example.test', role: 'user', active: true, createdAt: '2026-01-01T00:00:00Z' };
export function session(n: number) {
  return { user, accessToken: `access-${n}`, refreshToken: `refresh-${n}`, tokenType: 'Bearer', expiresIn: 900 };
}
