// One event at one endpoint: its payload as formatted JSON, each attempt with response status, duration and
// response excerpt, and a replay. Its status and attempts refresh when the live stream reports a new attempt.
import { get, post, seg } from './api.js';
import { h, replace, time, badge } from './dom.js';
import { notify, failed } from './messages.js';
import { onDelivery, announce } from './live.js';

function pretty(payload) {
  if (payload === null || payload === undefined) {
    return 'The payload is no longer stored (past the retention).';
  }
  return JSON.stringify(payload, null, 2);
}

function attemptItem(attempt) {
  const outcome = attempt.response_status >= 200 && attempt.response_status < 300 ? 'succeeded' : 'failed';
  return h('li', { class: 'attempt' },
    h('div', { class: 'attempt-head' },
      h('strong', { text: `Attempt ${attempt.attempt_number}` }), ' ',
      badge(outcome, attempt.response_status ? `HTTP ${attempt.response_status}` : 'no response'), ' ',
      time(attempt.timestamp), ' ', h('span', { class: 'duration', text: `${attempt.duration_ms} ms` })),
    attempt.error ? h('p', { class: 'error-text', text: attempt.error }) : null,
    attempt.response_body ? h('details', {}, h('summary', { text: 'Response excerpt' }),
      h('pre', { class: 'code response', text: attempt.response_body })) : h('p', { class: 'hint', text: 'Empty response body.' }));
}

/** Show one event at one endpoint. */
export function show(container, endpointId, eventId) {
  const summary = h('dl', { class: 'summary' });
  const payload = h('pre', { class: 'code payload', id: 'payload', tabindex: '0' });
  const attempts = h('ol', { class: 'attempts', id: 'attempts' });

  async function load() {
    const [delivery, endpoint, attemptPage] = await Promise.all([
      get(`/${seg(endpointId)}/events/${seg(eventId)}`),
      get(`/${seg(endpointId)}`),
      get(`/${seg(endpointId)}/events/${seg(eventId)}/attempts`),
    ]);
    const item = (term, ...value) => [h('dt', { text: term }), h('dd', {}, ...value)];
    replace(summary,
      item('Event', h('code', { text: delivery.id })),
      item('Type', delivery.event_type),
      item('Endpoint', h('span', { class: 'url', text: endpoint.url })),
      item('Status', h('span', { id: 'delivery-status' }, badge(delivery.status)),
        delivery.last_response_status ? ` last response ${delivery.last_response_status}` : ''),
      item('Attempts', String(delivery.attempts)),
      item('Created', time(delivery.created_at)),
      delivery.next_attempt_at ? item('Next attempt', time(delivery.next_attempt_at)) : []);
    payload.textContent = pretty(delivery.payload);
    const list = attemptPage.data.slice().sort((a, b) => a.timestamp < b.timestamp ? 1 : -1);
    attempts.replaceChildren(...list.map(attemptItem));
    if (!list.length) {
      attempts.append(h('li', { class: 'hint', text: 'No attempt yet.' }));
    }
  }

  const replay = h('button', { type: 'button', class: 'button primary', id: 'replay', text: 'Replay this event',
    onclick: async () => {
      try {
        await post(`/${seg(endpointId)}/events/${seg(eventId)}/replay`, {});
        notify('Replay requested: the event is sent again as a new delivery with the same webhook-id.');
        announce('Replay requested.');
      } catch (error) {
        failed(error);
      }
    } });

  replace(container, h('section', { 'aria-labelledby': 'event-title' },
    h('p', {}, h('a', { href: '#/events', text: '← Event log' })),
    h('div', { class: 'heading' }, h('h2', { id: 'event-title', text: 'Event' }), replay),
    summary,
    h('h3', { text: 'Payload' }), payload,
    h('h3', { text: 'Attempts, newest first' }), attempts));
  load().catch(failed);
  return onDelivery((delivery) => {
    if (delivery.id === eventId && delivery.endpoint_id === endpointId) {
      load().then(() => announce(`This event is now ${delivery.status}.`), failed);
    }
  });
}
