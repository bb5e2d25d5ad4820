// The activity view: the chart of the last hour, redrawn when the live stream reports a delivery (at most every
// two seconds) and every half minute, so the current minute grows as it happens.
import { h, replace } from './dom.js';
import { load } from './chart.js';
import { failed } from './messages.js';
import { onDelivery } from './live.js';

/** Show the activity chart. */
export function show(container) {
  const chart = h('div', { id: 'chart', class: 'chart-wrap' });
  replace(container, h('section', { 'aria-labelledby': 'activity-title' },
    h('h2', { id: 'activity-title', text: 'Deliveries per minute, last hour' }), chart));
  let pending = null;
  const redraw = () => load(chart).catch(failed);
  const soon = () => {
    if (!pending) {
      pending = setTimeout(() => { pending = null; redraw(); }, 2000);
    }
  };
  redraw();
  const timer = setInterval(redraw, 30000);
  const unsubscribe = onDelivery(soon);
  return () => {
    clearInterval(timer);
    clearTimeout(pending);
    unsubscribe();
  };
}
