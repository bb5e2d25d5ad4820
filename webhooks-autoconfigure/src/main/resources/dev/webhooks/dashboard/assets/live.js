// Live updates: one EventSource on {api base}/stream for the whole page. Each `delivery` event carries one item of
// the delivery log plus its endpoint_id; views subscribe while they are shown. The browser reconnects by itself
// and sends Last-Event-ID, so what changed while the connection was down arrives first.
import { base } from './api.js';

const listeners = new Set();
const statusListeners = new Set();
let source = null;
let state = 'off';

function setState(next) {
  state = next;
  statusListeners.forEach((listener) => listener(state));
}

/** Open the stream (once). */
export function connect() {
  if (source || typeof EventSource === 'undefined') {
    return;
  }
  source = new EventSource(`${base}/stream`, { withCredentials: true });
  setState('connecting');
  source.addEventListener('open', () => setState('connected'));
  source.addEventListener('error', () => setState(source.readyState === EventSource.CLOSED ? 'unavailable' : 'reconnecting'));
  source.addEventListener('delivery', (event) => {
    let delivery;
    try {
      delivery = JSON.parse(event.data);
    } catch (ignored) {
      return;
    }
    listeners.forEach((listener) => listener(delivery));
  });
}

/** Close the stream (on logout). */
export function disconnect() {
  if (source) {
    source.close();
    source = null;
  }
  setState('off');
}

/** Call a listener with every delivery event until the returned function is called. */
export function onDelivery(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Call a listener with the connection's state: connecting, connected, reconnecting, unavailable, off. */
export function onState(listener) {
  statusListeners.add(listener);
  listener(state);
  return () => statusListeners.delete(listener);
}

const announcer = () => document.getElementById('live');

/** Tell screen readers something happened, through the page's aria-live region. */
export function announce(text) {
  const region = announcer();
  if (!region) {
    return;
  }
  const line = document.createElement('p');
  line.textContent = text;
  region.append(line);
  // keep the region short: a reader hears each line once, as it is added
  while (region.childElementCount > 5) {
    region.firstElementChild.remove();
  }
}
