// Endpoint URLs by id, so the event log names endpoints by their URL rather than their id.
import { get, query } from './api.js';

let names = null;

/** The tenant's endpoints' URLs by id (loaded once, reloaded when an unknown id turns up). */
export async function endpointNames(refresh = false) {
  if (!names || refresh) {
    const found = new Map();
    let cursor = null;
    do {
      const page = await get(query({ limit: 250, cursor }));
      page.data.forEach((endpoint) => found.set(endpoint.id, endpoint.url));
      cursor = page.next_cursor;
    } while (cursor && found.size < 1000);
    names = found;
  }
  return names;
}
