// The device outbox's rules, pure: which events go in the next batch, and what an answer from
// POST /v1/events means for each of them. No DOM, no IndexedDB, no clock: node's test runner
// checks them (src/test/page/outbox-rules.test.mjs).

/** The most events one request may carry (the contract's limit). */
export const MAX_BATCH = 500;

/** Back-off after a failed send: first wait, ceiling. */
export const BACKOFF_FIRST_MS = 1000;
export const BACKOFF_MAX_MS = 30000;

/**
 * The next batch: this person's pending entries in the order they were recorded, at most
 * MAX_BATCH. Recording order keeps a session's start in the same batch as its other events or an
 * earlier one, which the service requires.
 * @param entries [{seq, user, state, event}]
 */
export function nextBatch(entries, user, max = MAX_BATCH) {
  return entries
    .filter((e) => e.user === user && e.state === 'pending')
    .sort((a, b) => a.seq - b.seq)
    .slice(0, max);
}

/**
 * What an answer means for the batch that was sent.
 * @param batch   the entries sent, in the order of the request's array
 * @param answer  {status, body, retryAfter} — body parsed (or null), retryAfter in seconds (or null);
 *                {status: 0} for a network error or a lost answer
 * @returns {{remove: number[], setAside: {seq: number, message: string}[], retryInMs: number|null,
 *            signIn: boolean, outcome: string, accepted: number, duplicate: number}}
 *   remove: sent and recorded, off the device; setAside: refused, kept on the device and shown;
 *   retryInMs: send the rest again after this wait (null: now, if anything is left);
 *   signIn: stop until the person signs in again, keeping everything.
 */
export function judgeAnswer(batch, answer, attempt = 0, random = Math.random) {
  const none = { remove: [], setAside: [], retryInMs: null, signIn: false, accepted: 0, duplicate: 0 };
  const { status, body } = answer;
  if (status === 202) {
    // Each event's own verdict; an event the answer does not mention stays for the next send.
    const byId = new Map(((body && body.results) || []).map((r) => [r.eventId, r.status]));
    const remove = [];
    let accepted = 0;
    let duplicate = 0;
    for (const entry of batch) {
      const verdict = byId.get(entry.event.eventId);
      if (verdict === 'ACCEPTED' || verdict === 'DUPLICATE') {
        remove.push(entry.seq);
        if (verdict === 'ACCEPTED') accepted++; else duplicate++;
      }
    }
    return { ...none, remove, accepted, duplicate, outcome: 'sent' };
  }
  if (status === 401) {
    return { ...none, signIn: true, outcome: 'sign-in' };
  }
  if (status === 422) {
    // The batch was refused whole, nothing recorded. The events it names are set aside with the
    // reason; the rest are sent again without them (one event 61 days old must not hold back
    // today's session for ever).
    const messages = new Map();
    for (const error of (body && body.errors) || []) {
      if (Number.isInteger(error.index) && error.index >= 0 && error.index < batch.length) {
        const text = (error.field ? error.field + ': ' : '') + (error.message || 'not accepted');
        messages.set(error.index, messages.has(error.index) ? messages.get(error.index) + '; ' + text : text);
      }
    }
    if (messages.size === 0) {
      return { ...none, setAside: setAsideAll(batch, problemText(body, status)), outcome: 'refused' };
    }
    const setAside = [...messages.entries()].sort((a, b) => a[0] - b[0])
      .map(([index, message]) => ({ seq: batch[index].seq, message }));
    return { ...none, setAside, outcome: 'refused' };
  }
  if (status === 0 || status === 408 || status === 429 || status >= 500) {
    return { ...none, retryInMs: backoffMs(attempt, answer.retryAfter, random), outcome: 'retry' };
  }
  // Any other refusal (400, 403, 413, 415...) is not something waiting mends: kept and shown.
  return { ...none, setAside: setAsideAll(batch, problemText(body, status)), outcome: 'refused' };
}

/**
 * How long to wait before the next try: doubling from BACKOFF_FIRST_MS up to BACKOFF_MAX_MS, with
 * up to a quarter more at random (clients that failed together do not come back together), and
 * never less than the server's Retry-After.
 */
export function backoffMs(attempt, retryAfterSeconds, random = Math.random) {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** Math.max(0, attempt));
  const jittered = Math.round(base * (1 + random() / 4));
  const asked = Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0 ? retryAfterSeconds * 1000 : 0;
  return Math.max(jittered, asked);
}

/** Retry-After in seconds from its header value (delta-seconds or an HTTP date), or null. */
export function parseRetryAfter(value, nowMs = Date.now()) {
  if (value === null || value === undefined || value === '') return null;
  const trimmed = String(value).trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - nowMs) / 1000));
}

function setAsideAll(batch, message) {
  return batch.map((entry) => ({ seq: entry.seq, message }));
}

function problemText(body, status) {
  return (body && (body.detail || body.title)) || 'refused by the service (' + status + ')';
}
