// Hearing when this person's figures change (GET /v1/me/changes, a text/event-stream), so that the
// page refreshes only what changed. EventSource cannot send a bearer token, so the stream is read
// with fetch; a stream that drops reconnects with the last event's id and is told at once what
// changed meanwhile. Where the stream cannot be had, the page polls instead (conditional reads: an
// unchanged figure costs a 304).

import * as auth from './auth.js';
import { parseEvents } from './sse.js';

const POLL_MS = 60000;
const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 30000;

let listener = () => {};
let lastId = null;
let controller = null;
let retryMs = RETRY_FIRST_MS;
let poller = null;
let running = false;
let hidden = false;

/** Starts listening: {@code onChange(figures)} gets the names of the figures that may have changed. */
export function listen(onChange) {
  listener = onChange;
  if (running) return;
  running = true;
  auth.onChange((user) => {
    lastId = null;
    if (controller) controller.abort();
    if (user) connect();
  });
  // A page left (or kept in the back-forward cache) lets its stream go: an open stream holds one of the
  // browser's few connections to the host. Back on it, the stream resumes from its last event.
  window.addEventListener('pagehide', () => {
    hidden = true;
    if (controller) controller.abort();
    stopPolling();
  });
  window.addEventListener('pageshow', (e) => {
    hidden = false;
    if (e.persisted) connect();
  });
  connect();
}

async function connect() {
  if (!auth.token() || hidden) return;
  controller = new AbortController();
  const headers = { Authorization: 'Bearer ' + auth.token(), Accept: 'text/event-stream' };
  if (lastId) headers['Last-Event-ID'] = lastId;
  let response;
  try {
    response = await fetch('/v1/me/changes', { headers, signal: controller.signal, cache: 'no-store' });
  } catch (e) {
    return later();
  }
  if (!response.ok || !response.body) {
    return later(response.status === 401 ? null : response.status);
  }
  stopPolling();
  retryMs = RETRY_FIRST_MS;
  document.body.dataset.changes = 'stream';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      const parsed = parseEvents(buffer);
      buffer = parsed.rest;
      for (const e of parsed.events) {
        if (e.id) lastId = e.id;
        if (e.event === 'change') listener(JSON.parse(e.data).changed || []);
        if (e.event === 'erased') return;
      }
    }
  } catch (e) {
    // dropped: reconnect below
  }
  later();
}

/** The stream failed or ended: poll meanwhile, and try it again after a while. */
function later(status) {
  if (status === null || !auth.token() || hidden) return;
  startPolling();
  setTimeout(connect, retryMs);
  retryMs = Math.min(RETRY_MAX_MS, retryMs * 2);
}

function startPolling() {
  document.body.dataset.changes = 'polling';
  if (!poller) poller = setInterval(() => listener(null), POLL_MS);
}

function stopPolling() {
  clearInterval(poller);
  poller = null;
}
