// The outbox's rules (src/main/page/js/outbox-rules.js), with node's own test runner.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BACKOFF_FIRST_MS, BACKOFF_MAX_MS, MAX_BATCH, backoffMs, judgeAnswer, nextBatch, parseRetryAfter,
} from '../../main/page/js/outbox-rules.js';

const entry = (seq, user = 'ana', state = 'pending') => ({ seq, user, state, event: { eventId: 'e' + seq } });
const batchOf = (...seqs) => seqs.map((s) => entry(s));
const fixed = () => 0;

test('a batch is this person\'s pending events in recording order, at most 500', () => {
  const entries = [entry(3), entry(1), entry(2, 'bo'), entry(4, 'ana', 'set-aside'), entry(5)];
  assert.deepEqual(nextBatch(entries, 'ana').map((e) => e.seq), [1, 3, 5]);
  const many = Array.from({ length: 1203 }, (_, i) => entry(1203 - i));
  const first = nextBatch(many, 'ana');
  assert.equal(first.length, MAX_BATCH);
  assert.equal(first[0].seq, 1);
  assert.equal(first[MAX_BATCH - 1].seq, MAX_BATCH);
});

test('nothing to send for someone else, or when everything is set aside', () => {
  assert.deepEqual(nextBatch([entry(1, 'bo'), entry(2, 'ana', 'set-aside')], 'ana'), []);
});

test('202 removes what the service accepted or already had, and counts both', () => {
  const batch = batchOf(1, 2, 3);
  const v = judgeAnswer(batch, { status: 202, body: { results: [
    { eventId: 'e1', status: 'ACCEPTED' }, { eventId: 'e2', status: 'DUPLICATE' }, { eventId: 'e3', status: 'ACCEPTED' }] } });
  assert.deepEqual(v.remove, [1, 2, 3]);
  assert.equal(v.accepted, 2);
  assert.equal(v.duplicate, 1);
  assert.deepEqual(v.setAside, []);
  assert.equal(v.retryInMs, null);
});

test('an event a 202 does not mention stays on the device', () => {
  const v = judgeAnswer(batchOf(1, 2), { status: 202, body: { results: [{ eventId: 'e2', status: 'ACCEPTED' }] } });
  assert.deepEqual(v.remove, [2]);
});

test('422 sets aside the events it names, with their reasons, and keeps the rest pending', () => {
  const batch = batchOf(10, 11, 12);
  const v = judgeAnswer(batch, { status: 422, body: { detail: 'invalid', errors: [
    { index: 2, field: 'occurredAt', message: 'more than 60 days old' },
    { index: 0, field: 'step', message: 'out of range' },
    { index: 2, field: 'pain', message: 'unknown area elbow' }] } });
  assert.deepEqual(v.remove, []);
  assert.deepEqual(v.setAside, [
    { seq: 10, message: 'step: out of range' },
    { seq: 12, message: 'occurredAt: more than 60 days old; pain: unknown area elbow' }]);
  assert.equal(v.retryInMs, null);
  assert.equal(v.signIn, false);
});

test('422 naming no event sets the whole batch aside, never drops it', () => {
  const v = judgeAnswer(batchOf(1, 2), { status: 422, body: { detail: 'the batch is invalid' } });
  assert.deepEqual(v.setAside, [{ seq: 1, message: 'the batch is invalid' }, { seq: 2, message: 'the batch is invalid' }]);
  assert.deepEqual(v.remove, []);
});

test('401 keeps everything and asks to sign in again', () => {
  const v = judgeAnswer(batchOf(1), { status: 401, body: { detail: 'no token' } });
  assert.equal(v.signIn, true);
  assert.deepEqual(v.remove, []);
  assert.deepEqual(v.setAside, []);
});

test('503, 429, 500 and no answer at all keep everything and retry later', () => {
  for (const status of [0, 429, 500, 502, 503, 504, 408]) {
    const v = judgeAnswer(batchOf(1, 2), { status, body: null, retryAfter: null }, 0, fixed);
    assert.deepEqual(v.remove, [], 'status ' + status);
    assert.deepEqual(v.setAside, [], 'status ' + status);
    assert.equal(v.retryInMs, BACKOFF_FIRST_MS, 'status ' + status);
  }
});

test('Retry-After is honoured when it asks for longer than the back-off', () => {
  const v = judgeAnswer(batchOf(1), { status: 503, body: null, retryAfter: 7 }, 0, fixed);
  assert.equal(v.retryInMs, 7000);
  const w = judgeAnswer(batchOf(1), { status: 503, body: null, retryAfter: 1 }, 4, fixed);
  assert.equal(w.retryInMs, 16000);
});

test('other refusals are kept and shown with the service\'s words', () => {
  for (const status of [400, 403, 404, 413, 415]) {
    const v = judgeAnswer(batchOf(1), { status, body: { detail: 'refused ' + status } });
    assert.deepEqual(v.setAside, [{ seq: 1, message: 'refused ' + status }]);
  }
  const bare = judgeAnswer(batchOf(1), { status: 403, body: null });
  assert.match(bare.setAside[0].message, /403/);
});

test('back-off doubles to a ceiling, with at most a quarter more at random', () => {
  assert.equal(backoffMs(0, null, fixed), 1000);
  assert.equal(backoffMs(1, null, fixed), 2000);
  assert.equal(backoffMs(3, null, fixed), 8000);
  assert.equal(backoffMs(20, null, fixed), BACKOFF_MAX_MS);
  assert.equal(backoffMs(2, null, () => 0.999), Math.round(4000 * (1 + 0.999 / 4)));
  for (let attempt = 0; attempt < 30; attempt++) {
    const ms = backoffMs(attempt, null, Math.random);
    assert.ok(ms >= Math.min(BACKOFF_MAX_MS, 1000 * 2 ** attempt) && ms <= BACKOFF_MAX_MS * 1.25, 'attempt ' + attempt + ': ' + ms);
  }
});

test('Retry-After in seconds or as a date', () => {
  const now = Date.parse('2026-12-02T10:00:00Z');
  assert.equal(parseRetryAfter('5', now), 5);
  assert.equal(parseRetryAfter(' 12 ', now), 12);
  assert.equal(parseRetryAfter('Wed, 02 Dec 2026 10:00:30 GMT', now), 30);
  assert.equal(parseRetryAfter('Wed, 02 Dec 2026 09:00:00 GMT', now), 0);
  assert.equal(parseRetryAfter(null, now), null);
  assert.equal(parseRetryAfter('soon', now), null);
});
