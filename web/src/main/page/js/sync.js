// Sends the device outbox to session-service: batches of at most 500 in recording order, while
// there is a signed-in person and something to send. What each answer means is outbox-rules.js's;
// this file only loops, waits and tells the page how things stand. One tab at a time sends (a Web
// Lock), so two open tabs do not send the same batch twice (if they did, it would be DUPLICATE).

import * as auth from './auth.js';
import * as store from './device-store.js';
import { send } from './http.js';
import { judgeAnswer, nextBatch } from './outbox-rules.js';

const listeners = [];
let running = false;
let again = false;
let attempt = 0;
let timer = null;
let debounce = null;
const state = { phase: 'idle', retryAt: null, last: null, problem: null };

/** Called with {phase, pending, setAside, others, retryAt, last} whenever it changes. */
export function subscribe(listener) {
  listeners.push(listener);
  publish();
}

async function publish() {
  const counts = await store.counts().catch(() => ({}));
  const me = auth.rememberedUser();
  const mine = counts[me] || { pending: 0, setAside: 0 };
  const others = Object.entries(counts).filter(([u]) => u !== me).reduce((n, [, c]) => n + c.pending + c.setAside, 0);
  const view = { ...state, pending: mine.pending, setAside: mine.setAside, others };
  listeners.forEach((l) => l(view));
}

/** Something was recorded, the connection came back, someone signed in: send soon. */
export function kick(now = false) {
  clearTimeout(debounce);
  if (now) {
    clearTimeout(timer);
    timer = null;
    run();
  } else {
    debounce = setTimeout(() => kick(true), 150);
  }
}

async function run() {
  if (running) {
    again = true;
    return;
  }
  running = true;
  try {
    do {
      again = false;
      if (navigator.locks) await navigator.locks.request('sukha-outbox', () => drain());
      else await drain();
    } while (again);
  } finally {
    running = false;
    publish();
  }
}

async function drain() {
  for (;;) {
    const user = auth.user();
    const entries = await store.entries(auth.rememberedUser() || '');
    const waiting = entries.some((e) => e.state === 'pending');
    if (!user) {
      state.phase = waiting ? 'sign-in' : 'idle';
      return;
    }
    const batch = nextBatch(await store.entries(user), user);
    if (batch.length === 0) {
      state.phase = 'idle';
      attempt = 0;
      return;
    }
    state.phase = 'sending';
    publish();
    const answer = await send('/v1/events', { method: 'POST', body: batch.map((e) => e.event) });
    const verdict = judgeAnswer(batch, answer, attempt);
    await store.apply(verdict);
    if (verdict.signIn) {
      auth.expired();
      state.phase = 'sign-in';
      return;
    }
    const progressed = verdict.remove.length + verdict.setAside.length > 0;
    if (verdict.retryInMs !== null || !progressed) {
      const wait = verdict.retryInMs !== null ? verdict.retryInMs : 5000;
      attempt++;
      state.phase = answer.status === 0 ? 'offline' : 'waiting';
      state.retryAt = Date.now() + wait;
      state.problem = answer.status === 0 ? null : (answer.body && answer.body.detail) || null;
      timer = setTimeout(() => { timer = null; run(); }, wait);
      return;
    }
    attempt = 0;
    state.retryAt = null;
    state.problem = null;
    if (verdict.outcome === 'sent') {
      state.last = { at: Date.now(), accepted: verdict.accepted, duplicate: verdict.duplicate };
    }
  }
}

/** Sends what waits now (one tab at a time) and returns once this round is over: sent, refused, or offline. */
export async function sendNow() {
  clearTimeout(debounce);
  clearTimeout(timer);
  timer = null;
  await run();
}

/** Starts listening for the moments worth sending at. */
export function start() {
  window.addEventListener('online', () => { attempt = 0; kick(true); });
  window.addEventListener('offline', () => publish());
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') kick(); });
  auth.onChange(() => kick(true));
  kick(true);
}

/** Records events on the device (with the session's new state) and sends them soon. */
export async function record(user, events, practice) {
  await store.record(user, events, practice);
  publish();
  kick();
}

export async function restore(seq) {
  await store.restore(seq);
  kick(true);
}

export async function discard(seq) {
  await store.discard(seq);
  publish();
}
