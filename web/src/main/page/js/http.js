// The API client: every call carries the signed-in person's token to the service that answers
// the path, and every refusal comes back as an error the views can word (problem+json).

import * as auth from './auth.js';
import { baseFor } from './config.js';
import { parseRetryAfter } from './outbox-rules.js';

export class OfflineError extends Error {
  constructor() { super('No connection. What you do is kept on this device and sent when the connection returns.'); }
}

export class InvalidError extends Error {
  constructor(problem) { super(problem.detail || 'Not accepted.'); this.errors = problem.errors || []; }
}

export class ServiceError extends Error {
  constructor(status, problem) {
    super((problem && problem.detail) || 'The service answered ' + status + '.');
    this.status = status;
  }
}

/**
 * One request, answered as it came: {status, body, retryAfter}; status 0 when no answer arrived
 * (offline, refused connection, lost answer). Never throws for an answer.
 */
export async function send(path, { method = 'GET', body, headers = {} } = {}) {
  await auth.refreshIfDue();
  const all = { Accept: 'application/json', ...headers };
  const t = auth.token();
  if (t) all.Authorization = 'Bearer ' + t;
  if (body !== undefined) all['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(baseFor(path) + path, { method, headers: all,
      body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    return { status: 0, body: null, retryAfter: null };
  }
  const text = await response.text().catch(() => '');
  let parsed = null;
  try { parsed = text ? JSON.parse(text) : null; } catch (e) { parsed = null; }
  return { status: response.status, body: parsed, retryAfter: parseRetryAfter(response.headers.get('Retry-After')) };
}

/** A request whose answer the page needs: its JSON body, or an error to show. */
export async function api(path, method, body) {
  // Sent even without a token: offline, the service worker may answer from what it kept.
  const hadToken = !!auth.token();
  const answer = await send(path, { method, body });
  if (answer.status === 0) throw new OfflineError();
  if (answer.status === 401) {
    if (hadToken) auth.expired();
    throw new auth.AuthError();
  }
  if (answer.status === 422) throw new InvalidError(answer.body || {});
  if (answer.status < 200 || answer.status >= 300) throw new ServiceError(answer.status, answer.body);
  return answer.body;
}
