// The event log: the tenant's events newest first (or one endpoint's deliveries), each with its status per
// endpoint; filters for status, type and time range; pages by the API's cursors, so thousands of events never
// load at once. New events and attempt outcomes arrive over the live stream while the first page is shown.
import { get, query, seg } from './api.js';
import { h, replace, field, time, badge, instantOf, localValueOf } from './dom.js';
import { failed } from './messages.js';
import { onDelivery, announce } from './live.js';
import { endpointNames } from './endpoint-names.js';

const PAGE = 50;

const STATUSES = [
  ['', 'Any status'], ['failed,dead', 'Failed or dead'], ['failed', 'Failed'], ['dead', 'Dead'],
  ['pending', 'Pending'], ['succeeded', 'Succeeded'],
];

function deliveryLink(endpointId, eventId, delivery, names) {
  const label = `${delivery.status}${delivery.last_response_status ? ` (${delivery.last_response_status})` : ''}`;
  return h('a', { class: 'delivery', href: `#/event/${encodeURIComponent(endpointId)}/${encodeURIComponent(eventId)}`,
    'data-endpoint-id': endpointId, title: 'Show this delivery and its attempts' },
  badge(delivery.status, label), ' ', h('span', { class: 'endpoint-url', text: names.get(endpointId) || endpointId }));
}

function matches(filters, delivery) {
  if (filters.cursor) {
    return false;
  }
  if (filters.endpoint && filters.endpoint !== delivery.endpoint_id) {
    return false;
  }
  if (filters.event_type && filters.event_type !== delivery.event_type) {
    return false;
  }
  if (filters.status && !filters.status.split(',').includes(delivery.status)) {
    return false;
  }
  if (filters.since && delivery.created_at < filters.since) {
    return false;
  }
  return !(filters.until && delivery.created_at >= filters.until);
}

/** Show the event log with the filters and cursor of the route's parameters. */
export function show(container, params, navigate) {
  const filters = {
    status: params.get('status') || '', event_type: params.get('event_type') || '', since: params.get('since') || '',
    until: params.get('until') || '', endpoint: params.get('endpoint') || '', cursor: params.get('cursor') || '',
  };
  const rows = h('tbody', { id: 'event-rows' });
  const pager = h('div', { class: 'pager' });
  let names = new Map();

  const status = h('select', { name: 'status' }, STATUSES.map(([value, label]) => h('option', { value, text: label, selected: value === filters.status })));
  const type = h('select', { name: 'event_type' }, h('option', { value: '', text: 'Any type' }));
  const since = h('input', { type: 'datetime-local', name: 'since', value: localValueOf(filters.since) });
  const until = h('input', { type: 'datetime-local', name: 'until', value: localValueOf(filters.until) });
  const form = h('form', { class: 'filters', 'aria-label': 'Filter events' },
    field('Status', status), field('Event type', type), field('From', since), field('Until', until),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button primary', text: 'Apply filters' }),
      h('a', { class: 'button', href: filters.endpoint ? `#/events?endpoint=${encodeURIComponent(filters.endpoint)}` : '#/events', text: 'Clear' })));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    navigate('events', { endpoint: filters.endpoint, status: status.value, event_type: type.value,
      since: instantOf(since.value), until: instantOf(until.value) });
  });
  get('/event-types').then((catalog) => catalog.data.forEach((definition) => type.append(
    h('option', { value: definition.type, text: definition.type, selected: definition.type === filters.event_type }))), failed);

  function messageRow(message) {
    return h('tr', { 'data-event-id': message.id },
      h('td', {}, time(message.created_at)),
      h('td', {}, h('span', { class: 'type', text: message.event_type })),
      h('td', {}, h('code', { class: 'event-id', text: message.id })),
      h('td', { class: 'deliveries' }, (message.deliveries || []).map((delivery) =>
        deliveryLink(delivery.endpoint_id, message.id, delivery, names))));
  }

  function live(delivery) {
    if (!matches(filters, delivery)) {
      return;
    }
    let row = rows.querySelector(`tr[data-event-id="${CSS.escape(delivery.id)}"]`);
    const link = () => deliveryLink(delivery.endpoint_id, delivery.id, delivery, names);
    if (!row) {
      rows.querySelector('td.empty')?.parentElement.remove();
      row = messageRow({ id: delivery.id, event_type: delivery.event_type, created_at: delivery.created_at, deliveries: [] });
      row.classList.add('new');
      rows.prepend(row);
      announce(`New event ${delivery.event_type}, ${delivery.status}.`);
      if (!names.has(delivery.endpoint_id)) {
        endpointNames(true).then((fresh) => { names = fresh; }, () => {});
      }
    }
    const cell = row.querySelector('td.deliveries');
    const existing = cell.querySelector(`a[data-endpoint-id="${CSS.escape(delivery.endpoint_id)}"]`);
    if (existing) {
      const before = existing.querySelector('.badge').textContent;
      const replacement = link();
      existing.replaceWith(replacement);
      if (!before.startsWith(delivery.status)) {
        announce(`Event ${delivery.event_type} ${delivery.status}${delivery.last_response_status ? ` with ${delivery.last_response_status}` : ''}.`);
      }
    } else {
      cell.append(link());
    }
  }

  async function load() {
    names = await endpointNames();
    const params = { limit: PAGE, cursor: filters.cursor, status: filters.status, event_type: filters.event_type,
      since: filters.since, until: filters.until };
    let items;
    let page;
    if (filters.endpoint) {
      page = await get(`/${seg(filters.endpoint)}/events${query(params)}`);
      items = page.data.map((delivery) => ({ id: delivery.id, event_type: delivery.event_type, created_at: delivery.created_at,
        deliveries: [Object.assign({ endpoint_id: filters.endpoint }, delivery)] }));
    } else {
      page = await get(`/messages${query(params)}`);
      items = page.data;
    }
    rows.replaceChildren(...items.map(messageRow));
    if (!items.length) {
      rows.append(h('tr', {}, h('td', { colspan: 4, class: 'empty', text: 'No events match.' })));
    }
    const to = (cursor) => () => navigate('events', Object.assign({}, filters, { cursor }));
    replace(pager,
      page.prev_cursor ? h('button', { type: 'button', class: 'button', text: 'Newer', onclick: to(page.prev_cursor) }) : null,
      page.next_cursor ? h('button', { type: 'button', class: 'button', id: 'older', text: 'Older', onclick: to(page.next_cursor) }) : null,
      filters.cursor ? h('a', { class: 'button', href: '#/events', text: 'Newest' }) : null);
  }

  replace(container, h('section', { 'aria-labelledby': 'events-title' },
    h('h2', { id: 'events-title', text: filters.endpoint ? 'Deliveries of one endpoint' : 'Event log' }),
    form,
    h('div', { class: 'table-wrap' }, h('table', { class: 'table' },
      h('thead', {}, h('tr', {}, ['Time', 'Type', 'Event', 'Status per endpoint'].map((title) => h('th', { scope: 'col', text: title })))),
      rows)),
    pager));
  load().catch(failed);
  return onDelivery(live);
}
