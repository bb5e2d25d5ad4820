// The endpoints view: each endpoint with its status (enabled, or disabled and why), success rate over 24 h and
// backlog; add, edit, enable or disable, rotate the secret, send a test event, recover failures, delete.
import { get, patch, post, del, query, seg } from './api.js';
import { h, replace, field, instantOf, localValueOf, badge } from './dom.js';
import { notify, failed } from './messages.js';

let eventTypes = null;

async function catalog() {
  if (!eventTypes) {
    eventTypes = (await get('/event-types')).data;
  }
  return eventTypes;
}

const events = (text) => text.split(',').map((type) => type.trim()).filter(Boolean);

/** The secret, shown once: after create and after rotate, with a copy button; gone on the next render. */
function secretPanel(title, secret, extra) {
  const value = h('code', { class: 'secret-value', id: 'secret-value', text: secret });
  const copied = h('span', { class: 'hint', role: 'status' });
  const copy = h('button', { type: 'button', class: 'button', text: 'Copy secret', onclick: async () => {
    try {
      await navigator.clipboard.writeText(secret);
      copied.textContent = 'Copied.';
    } catch (ignored) {
      const range = document.createRange();
      range.selectNodeContents(value);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      copied.textContent = 'Selected: press Ctrl+C to copy.';
    }
  } });
  return h('section', { class: 'panel secret', id: 'secret', 'aria-labelledby': 'secret-title' },
    h('h3', { id: 'secret-title', text: title }),
    h('p', { text: 'This is the only time the signing secret is shown. Store it now: it cannot be read again, only rotated.' }),
    extra ? h('p', { class: 'hint', text: extra }) : null,
    h('p', {}, value), h('p', {}, copy, ' ', copied));
}

function endpointForm(endpoint, onSaved, onCancel) {
  const url = h('input', { type: 'url', name: 'url', required: true, value: endpoint ? endpoint.url : '',
    placeholder: 'https://example.com/webhooks', autocomplete: 'off' });
  const description = h('input', { type: 'text', name: 'description', value: endpoint ? endpoint.description || '' : '' });
  const types = h('input', { type: 'text', name: 'events', value: endpoint ? (endpoint.events || []).join(', ') : '',
    placeholder: 'order.*, invoice.paid' });
  const form = h('form', { class: 'panel form', 'aria-label': endpoint ? 'Edit endpoint' : 'Add an endpoint' },
    h('h3', { text: endpoint ? 'Edit endpoint' : 'Add an endpoint' }),
    field('URL', url),
    field('Description', description),
    field('Event types', types, 'Comma-separated types or patterns; empty for every type.'),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'button primary', text: endpoint ? 'Save' : 'Add endpoint' }),
      onCancel ? h('button', { type: 'button', class: 'button', text: 'Cancel', onclick: onCancel }) : null));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { url: url.value.trim(), description: description.value, events: events(types.value) };
    try {
      const saved = endpoint ? await patch(`/${seg(endpoint.id)}`, body) : await post('', body);
      onSaved(saved);
    } catch (error) {
      failed(error);
    }
  });
  return form;
}

function testForm(endpoint, types, onDone) {
  const select = h('select', { name: 'event_type' }, types.map((type) => h('option', { value: type.type, text: type.type })));
  const payload = h('textarea', { name: 'payload', rows: 8, spellcheck: 'false', class: 'code' });
  const description = h('p', { class: 'hint' });
  const showExample = () => {
    const type = types.find((candidate) => candidate.type === select.value);
    description.textContent = type && type.description ? type.description : '';
    payload.value = JSON.stringify(type && type.example !== undefined ? type.example : {}, null, 2);
  };
  select.addEventListener('change', showExample);
  showExample();
  const form = h('form', { class: 'panel form', 'aria-label': 'Send a test event' },
    h('h3', { text: `Send a test event to ${endpoint.url}` }),
    field('Event type', select), description,
    field('Payload (the catalog\'s example)', payload),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button primary', text: 'Send test event' }),
      h('button', { type: 'button', class: 'button', text: 'Cancel', onclick: onDone })));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    let data;
    try {
      data = JSON.parse(payload.value || '{}');
    } catch (error) {
      notify(`The payload is not valid JSON: ${error.message}`, 'error');
      return;
    }
    try {
      const accepted = await post(`/${seg(endpoint.id)}/test`, { event_type: select.value, payload: data });
      notify(`Test event ${accepted.id} sent.`);
      onDone();
    } catch (error) {
      failed(error);
    }
  });
  return form;
}

function recoverForm(endpoint, onDone) {
  const since = h('input', { type: 'datetime-local', name: 'since', required: true,
    value: localValueOf(new Date(Date.now() - 24 * 3600 * 1000).toISOString()) });
  const form = h('form', { class: 'panel form', 'aria-label': 'Recover failed deliveries' },
    h('h3', { text: `Recover failed deliveries to ${endpoint.url}` }),
    field('Failed since', since, 'Every event whose delivery failed or died since then is sent again.'),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button primary', text: 'Recover' }),
      h('button', { type: 'button', class: 'button', text: 'Cancel', onclick: onDone })));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const result = await post(`/${seg(endpoint.id)}/recover`, { since: instantOf(since.value) });
      notify(`${result.recovered} failed deliveries sent again.`);
      onDone();
    } catch (error) {
      failed(error);
    }
  });
  return form;
}

function statsCell(endpoint) {
  const cell = h('td', { class: 'stats', text: '…' });
  get(`/${seg(endpoint.id)}/stats`).then((stats) => {
    const rate = stats.success_rate === null || stats.success_rate === undefined ? '—'
      : `${(stats.success_rate * 100).toFixed(1)} %`;
    replace(cell, h('span', { class: 'rate', text: rate }), h('br'), h('span', { class: 'hint', text: `backlog ${stats.backlog}` }));
  }, () => replace(cell, '—'));
  return cell;
}

/** Show the endpoints view. */
export function show(container) {
  const panel = h('div', { id: 'endpoint-panel' });
  const list = h('tbody', { id: 'endpoint-rows' });
  const more = h('button', { type: 'button', class: 'button', text: 'More endpoints', hidden: true });
  let next = null;

  const closePanel = () => panel.replaceChildren();
  const reload = async (keepPanel) => {
    if (!keepPanel) {
      closePanel();
    }
    list.replaceChildren();
    next = null;
    await page();
  };

  function row(endpoint) {
    const status = endpoint.enabled ? badge('enabled', 'Enabled')
      : h('span', {}, badge('disabled', 'Disabled'), endpoint.disabled_reason ? h('span', { class: 'hint reason', text: ` ${endpoint.disabled_reason}` }) : null);
    const act = (label, handler, extra = {}) => h('button', Object.assign({ type: 'button', class: 'button small', text: label,
      'data-action': label.toLowerCase().replace(/ /g, '-'),
      onclick: async () => {
        try {
          await handler();
        } catch (error) {
          failed(error);
        }
      } }, extra));
    return h('tr', { 'data-endpoint-id': endpoint.id },
      h('td', {}, h('span', { class: 'url', text: endpoint.url }), h('br'),
        h('span', { class: 'description', text: endpoint.description || '' })),
      h('td', {}, h('span', { class: 'types', text: (endpoint.events || []).join(', ') || 'all types' })),
      h('td', {}, status),
      statsCell(endpoint),
      h('td', { class: 'row-actions' }, h('div', {},
        act('Edit', () => panel.replaceChildren(endpointForm(endpoint, () => reload(), closePanel)), { 'aria-label': `Edit ${endpoint.url}` }),
        act(endpoint.enabled ? 'Disable' : 'Enable', async () => {
          await patch(`/${seg(endpoint.id)}`, { enabled: !endpoint.enabled });
          notify(`${endpoint.url} ${endpoint.enabled ? 'disabled' : 'enabled'}.`);
          await reload();
        }),
        act('Send test', async () => panel.replaceChildren(testForm(endpoint, await catalog(), closePanel))),
        act('Recover', () => panel.replaceChildren(recoverForm(endpoint, closePanel))),
        act('Rotate secret', async () => {
          if (!confirm(`Rotate the signing secret of ${endpoint.url}? The old one keeps signing for the grace period.`)) {
            return;
          }
          const rotated = await post(`/${seg(endpoint.id)}/rotate-secret`, {});
          await reload();
          panel.replaceChildren(secretPanel('New signing secret', rotated.secret,
            rotated.previous_secret_expires_at ? `The previous secret signs beside it until ${new Date(rotated.previous_secret_expires_at).toLocaleString()}.` : null));
        }),
        h('a', { class: 'button small', href: `#/events?endpoint=${encodeURIComponent(endpoint.id)}`, text: 'Deliveries' }),
        act('Delete', async () => {
          if (!confirm(`Delete ${endpoint.url}? Its pending deliveries are cancelled.`)) {
            return;
          }
          await del(`/${seg(endpoint.id)}`);
          notify(`${endpoint.url} deleted.`);
          await reload();
        }, { class: 'button small danger' }))));
  }

  async function page() {
    const answer = await get(query({ limit: 50, cursor: next }));
    answer.data.forEach((endpoint) => list.append(row(endpoint)));
    if (!list.childElementCount) {
      list.append(h('tr', {}, h('td', { colspan: 5, class: 'empty', text: 'No endpoints yet. Add one to receive webhooks.' })));
    }
    next = answer.next_cursor;
    more.hidden = !next;
  }
  more.addEventListener('click', () => page().catch(failed));

  const add = h('button', { type: 'button', class: 'button primary', id: 'add-endpoint', text: 'Add endpoint',
    onclick: () => panel.replaceChildren(endpointForm(null, async (created) => {
      await reload();
      panel.replaceChildren(secretPanel(`Endpoint created: ${created.url}`, created.secret));
      document.getElementById('secret-title').focus?.();
    }, closePanel)) });

  replace(container,
    h('section', { 'aria-labelledby': 'endpoints-title' },
      h('div', { class: 'heading' }, h('h2', { id: 'endpoints-title', text: 'Endpoints' }), add),
      panel,
      h('div', { class: 'table-wrap' }, h('table', { class: 'table' },
        h('thead', {}, h('tr', {}, ['Endpoint', 'Event types', 'Status', 'Success 24 h', 'Actions']
          .map((title) => h('th', { scope: 'col', text: title })))),
        list)),
      more));
  page().catch(failed);
  return () => {};
}

