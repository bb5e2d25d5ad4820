// The page's message line: what an action did, or why it failed (the API's problem detail, as text).
import { ApiError } from './api.js';

/** Show a message; kind is 'info' or 'error'. */
export function notify(text, kind = 'info') {
  const message = document.getElementById('message');
  message.textContent = text;
  message.className = `message message-${kind}`;
  message.hidden = false;
}

/** Clear the message. */
export function clearMessage() {
  const message = document.getElementById('message');
  message.hidden = true;
  message.textContent = '';
}

/** Show why a call failed. */
export function failed(error) {
  if (error instanceof ApiError) {
    const field = error.problem.field ? ` (${error.problem.field})` : '';
    notify(`${error.message}${field}`, 'error');
  } else {
    notify(`Something went wrong: ${error && error.message ? error.message : error}`, 'error');
  }
}
