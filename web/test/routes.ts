// A fetch stand-in that answers by method and path (for screens that load several things at once).
import { recorded, type Recorded } from './fakeServer';

type Handler = (req: Recorded) => Response | Promise<Response>;

export function routes(table: Record<string, Handler | Handler[]>) {
  const requests: Recorded[] = [];
  const fn = async (url: RequestInfo | URL, init?: RequestInit) => {
    const req = recorded(url, init);
    requests.push(req);
    const path = req.url.split('?')[0];
    const entry = table[`${req.method} ${path}`];
    const handler = Array.isArray(entry) ? (entry.length > 1 ? entry.shift() : entry[0]) : entry;
    if (!handler) return new Response(JSON.stringify({ status: 404, detail: `no route ${req.method} ${path}` }), { status: 404 });
    return handler(req);
  };
  return { fetch: fn, requests };
}
