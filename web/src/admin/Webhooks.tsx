import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../api';
import { dateTime } from '../i18n';
import { apiQuery } from '../query';
import { Empty, ErrorBox, errorText, Loading, Notice, StatusBadge } from '../ui';

type Webhook = { id: number | string; url: string; events: string[]; description?: string; createdAt: string; secret?: string };
type Delivery = { id: number | string; eventId: string; type: string; status: string; attempts: number; lastStatusCode: number | null; lastError: string | null; nextAttemptAt: string | null; deliveredAt: string | null };
const EVENTS = ['order.created', 'order.status_changed', 'order.cancelled'];

export function AdminWebhooksPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const list = useQuery(apiQuery<Webhook[]>(['webhooks'], '/api/v1/webhooks'));
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>(EVENTS);
  const [description, setDescription] = useState('');
  const [selected, setSelected] = useState<Webhook | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const changed = () => client.invalidateQueries({ queryKey: ['webhooks'] });
  const create = useMutation({
    mutationFn: () => api.post<Webhook>('/api/v1/webhooks', { url, events, description: description || undefined }).then((r) => r.data),
    onSuccess: () => {
      setUrl('');
      void changed();
    },
  });
  const ping = useMutation({
    mutationFn: (w: Webhook) => api.post(`/api/v1/webhooks/${w.id}/ping`),
    onSuccess: (_, w) => {
      setNotice(t('Ping queued for {{url}}: its delivery shows in the log below.', { url: w.url }));
      setSelected(w);
      void changed();
    },
  });
  const remove = useMutation({
    mutationFn: (w: Webhook) => api.del(`/api/v1/webhooks/${w.id}`),
    onSuccess: (_, w) => {
      if (selected?.id === w.id) setSelected(null);
      void changed();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  const secret = create.data?.secret;
  return (
    <section>
      <h1>{t('Webhooks')}</h1>
      <form onSubmit={submit} className="form-grid">
        <label>{t('URL')}<input type="url" required value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://example.com/hooks" /></label>
        <label>{t('Description')}<input value={description} maxLength={200} onChange={(e) => setDescription(e.target.value)} /></label>
        <fieldset><legend>{t('Events')}</legend>
          {EVENTS.map((ev) => (
            <label key={ev} className="inline"><input type="checkbox" checked={events.includes(ev)}
              onChange={(e) => setEvents(e.target.checked ? [...events, ev] : events.filter((x) => x !== ev))} /> {ev}</label>
          ))}
        </fieldset>
        <button type="submit" disabled={create.isPending}>{t('Create webhook')}</button>
      </form>
      {secret && <Notice>{t('Signing secret (shown once, store it now):')} <code>{secret}</code></Notice>}
      {notice && <Notice>{notice}</Notice>}
      <ErrorBox message={errorText(create.error ?? ping.error ?? remove.error ?? list.error)} />
      {list.isPending && <Loading />}
      {list.data && list.data.length === 0 && <Empty>{t('No webhooks yet.')}</Empty>}
      {list.data && list.data.length > 0 && (
        <table>
          <thead><tr><th>{t('URL')}</th><th>{t('Events')}</th><th>{t('Actions')}</th></tr></thead>
          <tbody>{list.data.map((w) => (
            <tr key={w.id}>
              <td>{w.url}<br /><span className="muted">{w.description}</span></td><td>{w.events.join(', ')}</td>
              <td>
                <button type="button" onClick={() => ping.mutate(w)}>{t('Ping')}</button>{' '}
                <button type="button" onClick={() => setSelected(w)}>{t('Deliveries')}</button>{' '}
                <button type="button" className="secondary" onClick={() => {
                  if (window.confirm(t('Delete the webhook to {{url}}? No more events are sent to it.', { url: w.url }))) remove.mutate(w);
                }}>{t('Delete')}</button>
              </td>
            </tr>
          ))}</tbody>
        </table>
      )}
      {selected && <Deliveries key={selected.id} webhook={selected} />}
    </section>
  );
}

function Deliveries({ webhook }: { webhook: Webhook }) {
  const { t } = useTranslation();
  const { data, error, isPending, refetch } = useQuery(
    apiQuery<Page<Delivery>>(['webhooks', webhook.id, 'deliveries'], `/api/v1/webhooks/${webhook.id}/deliveries?size=20`));
  return (
    <div className="panel">
      <h2>{t('Deliveries to {{url}}', { url: webhook.url })} <button type="button" className="secondary" onClick={() => void refetch()}>{t('Refresh')}</button></h2>
      <ErrorBox message={errorText(error)} />
      {isPending && <Loading />}
      {data && data.content.length === 0 && <Empty>{t('No deliveries yet.')}</Empty>}
      {data && data.content.length > 0 && (
        <table><thead><tr><th>{t('Event')}</th><th>{t('Status')}</th><th>{t('Attempts')}</th><th>{t('Last result')}</th><th>{t('Next attempt')}</th><th>{t('Delivered')}</th></tr></thead>
          <tbody>{data.content.map((d) => (
            <tr key={d.id}><td>{d.type}</td><td><StatusBadge status={d.status} /></td><td>{d.attempts}</td>
              <td>{[d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : null, d.lastError].filter(Boolean).join(' · ')}</td>
              <td>{d.nextAttemptAt && d.status === 'PENDING' ? dateTime(d.nextAttemptAt) : ''}</td>
              <td>{d.deliveredAt ? dateTime(d.deliveredAt) : ''}</td></tr>
          ))}</tbody></table>
      )}
    </div>
  );
}
