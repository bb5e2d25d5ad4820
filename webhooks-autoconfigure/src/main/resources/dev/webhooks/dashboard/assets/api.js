// The one way the page talks to the server: the management API at the base path the server put in the page's
// <meta name="webhooks-api-base">, with the browser's own credentials for this origin (HTTP Basic, a session
// cookie, or a portal session's cookie) and nothing else.

const meta = document.querySelector('meta[name="webhooks-api-base"]');

/**
 * The API's base URL, such as https://app.example.com/v1/webhooks: absolute on the page's origin, since a page
 * opened as http://user:password@host/ would otherwise resolve relative URLs with the credentials in them, which
 * fetch refuses.
 */
export const base = location.origin + (meta ? meta.content : '/v1/webhooks').replace(/\/+$/, '');

/** An error answer of the API: its status and RFC 9457 problem detail. */
export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `The server answered ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
}

/** Call the API; resolves with the parsed JSON body (null for 204), rejects with an ApiError. */
export async function call(method, path, body) {
  const options = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    options.headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(body);
  }
  const response = await fetch(base + path, options);
  const type = response.headers.get('Content-Type') || '';
  const json = type.includes('json') && response.status !== 204 ? await response.json() : null;
  if (!response.ok) {
    throw new ApiError(response.status, json);
  }
  return json;
}

export const get = (path) => call('GET', path);
export const post = (path, body) => call('POST', path, body === undefined ? {} : body);
export const patch = (path, body) => call('PATCH', path, body);
export const del = (path) => call('DELETE', path);

/** A query string of the parameters that have a value. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') {
      search.set(name, value);
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** A path segment, encoded. */
export const seg = (value) => encodeURIComponent(value);
