// Building the page with DOM APIs only: every value, and above all every value that came from a customer (URLs,
// descriptions, payloads, response excerpts), becomes a text node, never markup.

/**
 * Create an element. attrs: `class`, `text` (its text), `on<event>` (a listener), anything else an attribute;
 * a `false`, `null` or `undefined` attribute is left off. Children: nodes, or strings that become text nodes.
 */
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) {
      continue;
    }
    if (name === 'text') {
      element.textContent = String(value);
    } else if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replace the children of a node. */
export function replace(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

/** A time as the reader's locale writes it, with the ISO form for machines. */
export function time(iso) {
  if (!iso) {
    return h('span', { text: '—' });
  }
  const date = new Date(iso);
  return h('time', { datetime: iso, title: iso, text: date.toLocaleString() });
}

/** A status as a badge whose class colours it. */
export function badge(status, label = status) {
  return h('span', { class: `badge badge-${String(status).replace(/[^a-z]/g, '')}`, text: label });
}

/** The value of an <input type="datetime-local"> as an ISO-8601 UTC instant, or null when empty. */
export function instantOf(localValue) {
  if (!localValue) {
    return null;
  }
  const date = new Date(localValue);
  return Number.isNaN(date.getTime()) ? null : date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** An ISO instant as the value of an <input type="datetime-local">. */
export function localValueOf(iso) {
  if (!iso) {
    return '';
  }
  const date = new Date(iso);
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

let counter = 0;

/** A labelled form field: the label names the input, so a screen reader reads both together. */
export function field(label, input, hint) {
  counter += 1;
  const id = input.id || `field-${counter}`;
  input.id = id;
  const hintNode = hint ? h('span', { class: 'hint', id: `${id}-hint`, text: hint }) : null;
  if (hintNode) {
    input.setAttribute('aria-describedby', hintNode.id);
  }
  return h('div', { class: 'field' }, h('label', { for: id, text: label }), input, hintNode);
}
