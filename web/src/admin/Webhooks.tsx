import { useState, type FormEvent } from 'react';
import { api, describe, type Page } from '../api';
import { useLoad } from '../hooks';
import { Empty, ErrorBox, Loading, Notice, StatusBadge } from '../ui';

type Webhook = { id: number | string; url: string; events: string[]; description?: string; createdAt: string; secret?: string };
type Delivery = { id: number | string; eventId: string; type: string; status: string; attempts: number; lastStatusCode: number | null; lastError: string | null; nextAttemptAt: string | null; deliveredAt: string | null };
const EVENTS = ['order.created', 'order.status_changed', 'order.cancelled'];

export function AdminWebhooksPage() {
  const list = useLoad(() => api.get<Webhook[]>('/api/v1/webhooks').then((r) => r.data), []);
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>(EVENTS);
  const [description, setDescription] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<Webhook | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [deliveriesVersion, setDeliveriesVersion] = useState(0);
  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const r = await api.post<Webhook>('/api/v1/webhooks', { url, events, description: description || undefined });
      setSecret(r.data.secret ?? null);
      setUrl('');
      list.reload();
    } catch (err) {
      setError(describe(err));
    }
  };
  const act = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      list.reload();
    } catch (err) {
      setError(describe(err));
    }
  };
  return (
    <section>
      <h1>Webhooks</h1>
      <form onSubmit={create} className="form-grid">
        <label>URL<input type="url" required value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://example.com/hooks" /></label>
        <label>Description<input value={description} maxLength={200} onChange={(e) => setDescription(e.target.value)} /></label>
        <fieldset><legend>Events</legend>
          {EVENTS.map((ev) => (
            <label key={ev} className="inline"><input type="checkbox" checked={events.includes(ev)}
              onChange={(e) => setEvents(e.target.checked ? [...events, ev] : events.filter((x) => x !== ev))} /> {ev}</label>
          ))}
        </fieldset>
        <button type="submit">Create webhook</button>
      </form>
      {secret && <Notice>Signing secret (shown once, store it now): <code>{secret}</code></Notice>}
      {notice && <Notice>{notice}</Notice>}
      <ErrorBox message={error ?? list.error} />
      {list.loading && <Loading />}
      {list.data && list.data.length === 0 && <Empty>No webhooks yet.</Empty>}
      {list.data && list.data.length > 0 && (
        <table>
          <thead><tr><th>URL</th><th>Events</th><th>Actions</th></tr></thead>
          <tbody>{list.data.map((w) => (
            <tr key={w.id}>
              <td>{w.url}<br /><span className="muted">{w.description}</span></td><td>{w.events.join(', ')}</td>
              <td>
                <button type="button" onClick={() => act(async () => {
                  await api.post(`/api/v1/webhooks/${w.id}/ping`);
                  setNotice(`Ping queued for ${w.url}: its delivery shows in the log below.`);
                  setSelected(w);
                  setDeliveriesVersion((v) => v + 1);
                })}>Ping</button>{' '}
                <button type="button" onClick={() => setSelected(w)}>Deliveries</button>{' '}
                <button type="button" className="secondary" onClick={() => {
                  if (window.confirm(`Delete the webhook to ${w.url}? No more events are sent to it.`)) {
                    act(async () => {
                      await api.del(`/api/v1/webhooks/${w.id}`);
                      if (selected?.id === w.id) setSelected(null);
                    });
                  }
                }}>Delete</button>
              </td>
            </tr>
          ))}</tbody>
        </table>
      )}
      {selected && <Deliveries key={`${selected.id}-${deliveriesVersion}`} webhook={selected} />}
    </section>
  );
}

function Deliveries({ webhook }: { webhook: Webhook }) {
  const { data, error, loading, reload } = useLoad(() => api.get<Page<Delivery>>(`/api/v1/webhooks/${webhook.id}/deliveries?size=20`).then((r) => r.data), [webhook.id]);
  return (
    <div className="panel">
      <h2>Deliveries to {webhook.url} <button type="button" className="secondary" onClick={reload}>Refresh</button></h2>
      <ErrorBox message={error} />
      {loading && <Loading />}
      {data && data.content.length === 0 && <Empty>No deliveries yet.</Empty>}
      {data && data.content.length > 0 && (
        <table><thead><tr><th>Event</th><th>Status</th><th>Attempts</th><th>Last result</th><th>Next attempt</th><th>Delivered</th></tr></thead>
          <tbody>{data.content.map((d) => (
            <tr key={d.id}><td>{d.type}</td><td><StatusBadge status={d.status} /></td><td>{d.attempts}</td>
              <td>{[d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : null, d.lastError].filter(Boolean).join(' · ')}</td>
              <td>{d.nextAttemptAt && d.status === 'PENDING' ? new Date(d.nextAttemptAt).toLocaleString() : ''}</td>
              <td>{d.deliveredAt ? new Date(d.deliveredAt).toLocaleString() : ''}</td></tr>
          ))}</tbody></table>
      )}
    </div>
  );
}
