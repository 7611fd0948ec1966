import { afterEach, describe as group, expect, it } from 'vitest';
import { Api, describe } from '../src/api';
import { setLanguage } from '../src/i18n';
import { fakeFetch, json, memoryStorage, session } from './fakeServer';

/** The gateway's answer when a service took longer than the route's timeout. */
const gatewayTimeout = () => json(504, { type: 'https://orderfleet.io/problems/gateway-timeout', title: 'Gateway timeout', status: 504,
  detail: 'The inventory service did not answer within 6s; the request may still take effect. Repeat it (with the same Idempotency-Key, if it had one) to learn its outcome.' });

async function failed(method: 'GET' | 'POST', answer: Response): Promise<unknown> {
  const net = fakeFetch([json(200, session(1)), answer]);
  const api = new Api(net.fetch, memoryStorage());
  await api.login('a@b.c', 'pw-123456');
  return (method === 'GET' ? api.get('/api/v1/items') : api.post('/api/v1/items/KB-001/adjustments', { delta: 5, reason: 'recount' }))
    .then(() => { throw new Error('expected the request to fail'); }, (e: unknown) => e);
}

group('the message of a failed request', () => {
  afterEach(async () => {
    await setLanguage('en');
  });

  it('for a 504 on a read says the service took too long and to try again, not the gateway\'s detail', async () => {
    expect(describe(await failed('GET', gatewayTimeout()))).toBe('The service took too long to answer. Try again.');
  });

  it('for a 504 on a change says it may have been saved anyway and to check before trying again', async () => {
    expect(describe(await failed('POST', gatewayTimeout())))
      .toBe('The service took too long to answer, so your change may have been saved anyway. Reload to check before you try again.');
  });

  it('for a 504 is German when the user reads German', async () => {
    await setLanguage('de');

    expect(describe(await failed('GET', gatewayTimeout()))).toBe('Der Dienst hat zu lange nicht geantwortet. Versuchen Sie es erneut.');
    expect(describe(await failed('POST', gatewayTimeout())))
      .toBe('Der Dienst hat zu lange nicht geantwortet; Ihre Änderung wurde vielleicht trotzdem gespeichert. Laden Sie die Seite neu und prüfen Sie das, bevor Sie es erneut versuchen.');
  });

  it('for other problems is still the problem\'s detail with its field errors', async () => {
    const problem = json(422, { status: 422, detail: 'Invalid adjustment', errors: [{ field: 'reason', message: 'must not be blank' }] });

    expect(describe(await failed('POST', problem))).toBe('Invalid adjustment (reason: must not be blank)');
  });
});
