// The activity chart: deliveries per minute over the last hour, stacked by status, drawn as inline SVG from
// GET {api base}/activity. A table of the same numbers follows for screen readers and for reading exact values.
import { get } from './api.js';
import { h } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const SERIES = [
  { key: 'succeeded', label: 'Succeeded' },
  { key: 'pending', label: 'Pending or retrying' },
  { key: 'failed', label: 'Failed' },
  { key: 'dead', label: 'Dead' },
];

function svg(tag, attrs = {}, text) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) {
    element.setAttribute(name, String(value));
  }
  if (text !== undefined) {
    element.textContent = text;
  }
  return element;
}

const minuteLabel = (iso) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** Draw the chart of an activity answer into a container. */
export function draw(container, activity) {
  const minutes = activity.data || [];
  const width = 720;
  const height = 220;
  const left = 40;
  const bottom = 24;
  const top = 10;
  const plot = height - bottom - top;
  const max = Math.max(1, ...minutes.map((minute) => SERIES.reduce((sum, s) => sum + minute[s.key], 0)));
  const step = (width - left - 4) / Math.max(1, minutes.length);
  const total = minutes.reduce((sum, minute) => sum + SERIES.reduce((s, series) => s + minute[series.key], 0), 0);
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img',
    'aria-labelledby': 'chart-title' });
  chart.append(svg('title', { id: 'chart-title' }, `Deliveries per minute over the last hour: ${total} in all`));
  for (const fraction of [0, 0.5, 1]) {
    const y = top + plot - fraction * plot;
    chart.append(svg('line', { x1: left, x2: width, y1: y, y2: y, class: 'grid' }));
    chart.append(svg('text', { x: left - 6, y: y + 4, class: 'axis', 'text-anchor': 'end' },
      String(Math.round(max * fraction * 10) / 10)));
  }
  minutes.forEach((minute, index) => {
    let y = top + plot;
    const x = left + index * step + 1;
    for (const series of SERIES) {
      const value = minute[series.key];
      if (!value) {
        continue;
      }
      const barHeight = (value / max) * plot;
      y -= barHeight;
      const bar = svg('rect', { x, y, width: Math.max(1, step - 2), height: barHeight,
        class: `bar bar-${series.key}` });
      bar.append(svg('title', {}, `${minuteLabel(minute.minute)}: ${value} ${series.label.toLowerCase()}`));
      chart.append(bar);
    }
    if (index % 10 === 0 || index === minutes.length - 1) {
      const last = index === minutes.length - 1;
      chart.append(svg('text', { x: last ? width - 2 : x + step / 2, y: height - 6, class: 'axis',
        'text-anchor': last ? 'end' : 'middle' },
        minuteLabel(minute.minute)));
    }
  });
  const legend = h('ul', { class: 'legend' },
    SERIES.map((series) => h('li', {}, h('span', { class: `swatch bar-${series.key}`, 'aria-hidden': 'true' }),
      ` ${series.label}: ${minutes.reduce((sum, minute) => sum + minute[series.key], 0)}`)));
  const busy = minutes.filter((minute) => SERIES.some((series) => minute[series.key] > 0));
  const table = h('div', { class: 'visually-hidden' }, h('table', {}, h('caption', { text: 'Deliveries per minute' }),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Minute' }),
      SERIES.map((series) => h('th', { scope: 'col', text: series.label })))),
    h('tbody', {}, busy.map((minute) => h('tr', {}, h('th', { scope: 'row', text: minuteLabel(minute.minute) }),
      SERIES.map((series) => h('td', { text: minute[series.key] })))))));
  container.replaceChildren(chart, legend, table);
  container.dataset.total = String(total);
}

/** Load the last hour and draw it. */
export async function load(container) {
  draw(container, await get('/activity'));
}
