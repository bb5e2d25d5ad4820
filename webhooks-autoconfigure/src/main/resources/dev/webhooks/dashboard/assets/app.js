// The dashboard's entry module: opens a portal session when the page was opened from a portal link, then routes
// between the views by the location's fragment (#/endpoints, #/events, #/event/{endpoint}/{event}, #/activity)
// and keeps the live stream open.
import { ApiError, call, del } from './api.js';
import { h, replace } from './dom.js';
import { notify, clearMessage } from './messages.js';
import { connect, disconnect, onState } from './live.js';
import * as endpoints from './endpoints.js';
import * as events from './events.js';
import * as event from './event.js';
import * as activity from './activity.js';

const view = document.getElementById('view');
const SESSION_KEY = 'webhooks-portal-session';
let leave = () => {};

function route() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, search] = hash.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { name: parts[0] || 'endpoints', parts, params: new URLSearchParams(search || '') };
}

function navigate(name, params = {}) {
  const search = new URLSearchParams();
  Object.entries(params).forEach(([key, value]) => value && search.set(key, value));
  const text = search.toString();
  location.hash = `#/${name}${text ? `?${text}` : ''}`;
}

function render(focus) {
  leave();
  clearMessage();
  const current = route();
  document.querySelectorAll('nav a[data-view]').forEach((link) => {
    const active = link.dataset.view === current.name || (current.name === 'event' && link.dataset.view === 'events');
    if (active) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  });
  let cleanup;
  if (current.name === 'events') {
    cleanup = events.show(view, current.params, navigate);
  } else if (current.name === 'event' && current.parts.length === 3) {
    cleanup = event.show(view, current.parts[1], current.parts[2]);
  } else if (current.name === 'activity') {
    cleanup = activity.show(view);
  } else {
    cleanup = endpoints.show(view);
  }
  leave = cleanup || (() => {});
  if (focus) {
    document.getElementById('main').focus();
  }
}

function showSession() {
  const session = document.getElementById('session');
  const liveState = h('span', { class: 'live-state', id: 'live-state' });
  onState((state) => {
    liveState.textContent = { connected: 'Live', connecting: 'Connecting…', reconnecting: 'Reconnecting…',
      unavailable: 'Live updates unavailable', off: '' }[state] || '';
    liveState.dataset.state = state;
  });
  const stored = sessionStorage.getItem(SESSION_KEY);
  if (!stored) {
    replace(session, liveState);
    return;
  }
  const info = JSON.parse(stored);
  const until = info.expires_at ? new Date(info.expires_at).toLocaleTimeString() : '';
  replace(session, liveState, ' ',
    h('span', { text: `Portal session${info.tenant_label ? ` for ${info.tenant_label}` : ''}${until ? ` until ${until}` : ''}` }), ' ',
    h('button', { type: 'button', class: 'button small', text: 'Sign out', onclick: async () => {
      try {
        await del('/portal-sessions/current');
      } catch (ignored) {
        // signed out either way: the cookie is gone or was no longer valid
      }
      sessionStorage.removeItem(SESSION_KEY);
      disconnect();
      leave();
      replace(view, h('p', { text: 'You are signed out. Open a new portal link to come back.' }));
      replace(session);
    } }));
}

/** A portal link carries its single-use token in the fragment: exchange it for a session cookie, then drop it. */
async function exchangePortalToken() {
  const match = /(?:^#|&)portal-token=([^&]+)/.exec(location.hash);
  if (!match) {
    return true;
  }
  const token = decodeURIComponent(match[1]);
  // the token leaves the address bar and the history at once, whatever the exchange answers
  history.replaceState(null, '', location.pathname + location.search + '#/endpoints');
  try {
    const session = await call('POST', '/portal-sessions/exchange', { token });
    sessionStorage.setItem(SESSION_KEY, JSON.stringify({ tenant_label: session.tenant_label || null,
      expires_at: session.expires_at || null }));
    return true;
  } catch (error) {
    sessionStorage.removeItem(SESSION_KEY);
    const refused = error instanceof ApiError && error.status === 401;
    replace(view, h('div', { class: 'panel refused', id: 'portal-refused' },
      h('h2', { text: 'This portal link cannot be used' }),
      h('p', { text: refused ? 'It was already used or has expired. Ask for a new link.' : error.message })));
    notify(refused ? 'Portal link already used or expired.' : `The portal link could not be opened: ${error.message}`, 'error');
    return false;
  }
}

async function start() {
  if (!(await exchangePortalToken())) {
    return;
  }
  showSession();
  window.addEventListener('hashchange', () => render(true));
  render(false);
  connect();
}

start();
