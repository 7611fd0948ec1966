import i18n from 'i18next';

// The SPA's only door to the API: same origin, JSON in and out, RFC 9457 problems as ApiError.
// Token storage (see docs/web.md): the access token lives in memory only (never in storage, URLs or
// logs); the refresh token lives in sessionStorage so a reload keeps the session while closing the tab
// ends it, and it is neither shared with other tabs nor left on disk as localStorage would be. The
// access token is renewed silently shortly before it expires, and on any 401.

export type User = { id: number; name: string; email: string; role: 'user' | 'admin'; active: boolean; createdAt: string };
/** What admins get for a user: the account plus its orders as users-service projects them from the order events. */
export type AdminUser = User & { orderCount: number; lifetimeSpendCents: number; lastOrderAt: string | null };
export type Session = { user: User; accessToken: string; refreshToken: string; expiresIn?: number };
export type FieldError = { field: string; message: string };
export type Problem = {
  type?: string; title?: string; status: number; detail?: string; errors?: FieldError[];
  sku?: string; available?: number; [member: string]: unknown;
};
export type Page<T> = { content: T[]; page: { number: number; size: number; totalElements: number; totalPages: number } };

export class ApiError extends Error {
  constructor(public readonly status: number, public readonly problem: Problem, public readonly retryAfter?: number,
    public readonly method = 'GET') {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
}

const REFRESH_KEY = 'orderfleet.refresh';
/** Renew the access token this long before it expires, so requests do not meet a 401 first. */
const RENEW_BEFORE_MS = 30_000;
type Listener = (session: Session | null) => void;

export class Api {
  private session: Session | null = null;
  private expiresAt = 0;
  private refreshing: Promise<boolean> | null = null;
  private listeners = new Set<Listener>();

  constructor(private readonly fetchFn: typeof fetch = (...args) => fetch(...args), private readonly storage: Storage = sessionStorage,
    private readonly now: () => number = () => Date.now()) {}

  get current(): Session | null {
    return this.session;
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  setSession(session: Session | null): void {
    this.session = session;
    this.expiresAt = session ? this.now() + (session.expiresIn ?? 900) * 1000 : 0;
    if (session) this.storage.setItem(REFRESH_KEY, session.refreshToken);
    else this.storage.removeItem(REFRESH_KEY);
    this.listeners.forEach((l) => l(session));
  }

  /** The signed-in user changed (a new name): same tokens, new user. */
  updateUser(user: User): void {
    if (!this.session) return;
    this.session = { ...this.session, user };
    this.listeners.forEach((l) => l(this.session));
  }

  /** Restores a session after a reload from the refresh token kept in sessionStorage. */
  async restore(): Promise<boolean> {
    if (this.session) return true;
    if (!this.storage.getItem(REFRESH_KEY)) return false;
    return this.refresh();
  }

  async login(email: string, password: string): Promise<Session> {
    const session = await this.send<Session>('POST', '/api/v1/auth/login', { email, password }, {}, false);
    this.setSession(session.data);
    return session.data;
  }

  async register(name: string, email: string, password: string): Promise<Session> {
    const session = await this.send<Session>('POST', '/api/v1/auth/register', { name, email, password }, {}, false);
    this.setSession(session.data);
    return session.data;
  }

  async logout(): Promise<void> {
    const refreshToken = this.storage.getItem(REFRESH_KEY);
    this.setSession(null);
    if (refreshToken) {
      await this.send('POST', '/api/v1/auth/logout', { refreshToken }, {}, false).catch(() => undefined);
    }
  }

  get<T>(path: string, headers: Record<string, string> = {}, signal?: AbortSignal) {
    return this.send<T>('GET', path, undefined, headers, true, false, signal);
  }

  post<T>(path: string, body?: unknown, headers: Record<string, string> = {}) {
    return this.send<T>('POST', path, body ?? {}, headers);
  }

  put<T>(path: string, body: unknown) {
    return this.send<T>('PUT', path, body);
  }

  patch<T>(path: string, body: unknown, headers: Record<string, string> = {}) {
    return this.send<T>('PATCH', path, body, headers);
  }

  del(path: string) {
    return this.send<void>('DELETE', path);
  }

  /** One silent refresh at a time; concurrent 401s wait for the same one. */
  private refresh(): Promise<boolean> {
    if (!this.refreshing) {
      const refreshToken = this.storage.getItem(REFRESH_KEY);
      this.refreshing = (async () => {
        if (!refreshToken) return false;
        try {
          const r = await this.send<Session>('POST', '/api/v1/auth/refresh', { refreshToken }, {}, false);
          this.setSession(r.data);
          return true;
        } catch {
          this.setSession(null);
          return false;
        }
      })().finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  async send<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, authenticated = true,
    retried = false, signal?: AbortSignal): Promise<{ data: T; status: number; headers: Headers }> {
    if (authenticated && !retried && this.session && this.now() >= this.expiresAt - RENEW_BEFORE_MS) {
      await this.refresh();
    }
    const h: Record<string, string> = { Accept: 'application/json', ...headers };
    if (body !== undefined) h['Content-Type'] = 'application/json';
    if (authenticated && this.session) h.Authorization = `Bearer ${this.session.accessToken}`;
    const init: RequestInit = { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) };
    if (signal) init.signal = signal;
    const response = await this.fetchFn(path, init);
    if (response.status === 401 && authenticated && !retried) {
      if (await this.refresh()) return this.send<T>(method, path, body, headers, authenticated, true, signal);
    }
    const text = await response.text();
    const json = text ? safeJson(text) : undefined;
    if (!response.ok) {
      const problem: Problem = json && typeof json === 'object' ? (json as Problem) : { status: response.status, detail: text || response.statusText };
      const retryAfter = Number(response.headers.get('Retry-After')) || undefined;
      throw new ApiError(response.status, { ...problem, status: response.status }, retryAfter, method);
    }
    return { data: json as T, status: response.status, headers: response.headers };
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const api = new Api();

export function describe(error: unknown): string {
  if (error instanceof ApiError) {
    // the gateway's 504: the service got the request but did not answer in time, so a change may still
    // have been made; its detail is written for API clients, not for this screen
    if (error.status === 504) {
      return error.method === 'GET'
        ? i18n.t('The service took too long to answer. Try again.')
        : i18n.t('The service took too long to answer, so your change may have been saved anyway. Reload to check before you try again.');
    }
    const fields = error.problem.errors?.map((e) => `${e.field}: ${e.message}`).join('; ');
    return fields ? `${error.message} (${fields})` : error.message;
  }
  return i18n.t('Something went wrong. Check your connection and try again.');
}
