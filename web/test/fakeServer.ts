// A fetch stand-in at the network boundary: records requests, answers from a queue of responses.
export type Recorded = { url: string; method: string; headers: Record<string, string>; body: unknown; signal?: AbortSignal };

/** What the app sent, in the shape the tests assert on. */
export function recorded(url: RequestInfo | URL, init?: RequestInit): Recorded {
  return {
    url: url instanceof Request ? url.url : url.toString(), method: init?.method ?? 'GET', headers: (init?.headers ?? {}) as Record<string, string>,
    body: typeof init?.body === 'string' ? JSON.parse(init.body) as unknown : undefined,
    signal: init?.signal ?? undefined,
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
  return { fetch: fn, requests };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers } });
}

export function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k),
    clear: () => map.clear(), key: (i: number) => [...map.keys()][i] ?? null, get length() { return map.size; },
  };
}

export const user = { id: 7, name: 'Ada', email: 'ada@example.test', role: 'user', active: true, createdAt: '2026-01-01T00:00:00Z' };
export function session(n: number) {
  return { user, accessToken: `access-${n}`, refreshToken: `refresh-${n}`, tokenType: 'Bearer', expiresIn: 900 };
}
