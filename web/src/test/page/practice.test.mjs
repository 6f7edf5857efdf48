// What each action of the player records (src/main/page/js/practice.js), with node's test runner.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as p from '../../main/page/js/practice.js';
import { stamp } from '../../main/page/js/time.js';

const routine = { id: 'upper-back-quick', version: 3, focus: ['upper_back', 'neck'], steps: [{}, {}, {}, {}] };
const T0 = Date.parse('2026-12-02T08:00:00Z');

/** A clock and id source: each call a second later, ids e1, e2, ... */
function context() {
  let n = 0;
  let t = T0;
  return (extra = {}) => ({ at: (t += 1000), newId: () => 'e' + ++n, zone: 'Europe/Lisbon', ...extra });
}

function started(c = context(), pain = { upper_back: 6, neck: null }) {
  return { c, ...p.start(p.prepare('ana', routine, 's1'), c({ pain })) };
}

test('nothing is recorded until the session starts', () => {
  const s = p.prepare('ana', routine, 's1');
  assert.equal(s.phase, 'before');
  assert.equal(s.stepCount, 4);
  assert.deepEqual(p.resumeOrAbandon(s, T0 + 1, () => 'x'), { resume: false, state: null, events: [] });
});

test('starting records SESSION_STARTED with the pain given, the routine version and zone, then the first pose', () => {
  const { state, events } = started();
  assert.equal(state.phase, 'steps');
  assert.equal(state.step, 0);
  assert.deepEqual(events.map((e) => e.type), ['SESSION_STARTED', 'POSE_STARTED']);
  assert.deepEqual(events[0], { eventId: 'e1', type: 'SESSION_STARTED', sessionId: 's1', occurredAt: stamp(T0 + 1000),
    routineId: 'upper-back-quick', routineVersion: 3, zone: 'Europe/Lisbon', pain: { upper_back: 6 } });
  assert.deepEqual(events[1], { eventId: 'e2', type: 'POSE_STARTED', sessionId: 's1', occurredAt: stamp(T0 + 1000), step: 0 });
});

test('no pain given: SESSION_STARTED carries no pain at all', () => {
  const { events } = started(context(), {});
  assert.equal('pain' in events[0], false);
});

test('every event gets its own id, and occurredAt is when it happened', () => {
  let { c, state } = started();
  const all = [];
  for (const action of [[p.done, { discomfort: 3 }], [p.skip, { reason: 'pain' }], [p.done, {}], [p.done, {}]]) {
    const r = action[0](state, c(action[1]));
    state = r.state;
    all.push(...r.events);
  }
  const r = p.end(state, c({ pain: { upper_back: 2 } }));
  all.push(...r.events);
  assert.equal(new Set(all.map((e) => e.eventId)).size, all.length);
  const times = all.map((e) => Date.parse(e.occurredAt));
  assert.deepEqual([...times].sort((a, b) => a - b), times);
  assert.equal(r.events[0].type, 'SESSION_COMPLETED');
  assert.deepEqual(r.events[0].pain, { upper_back: 2 });
  assert.equal(r.state.phase, 'ended');
});

test('Done records the pose with its discomfort and starts the next; the last leads to pain after', () => {
  let { c, state } = started();
  let r = p.done(state, c({ discomfort: 4 }));
  assert.deepEqual(r.events.map((e) => [e.type, e.step, e.discomfort]), [['POSE_COMPLETED', 0, 4], ['POSE_STARTED', 1, undefined]]);
  state = r.state;
  for (let i = 1; i < 4; i++) state = p.done(state, c({})).state;
  assert.equal(state.phase, 'after');
  assert.equal(state.ending, 'complete');
  assert.deepEqual(p.progress(state), { done: 4, skipped: 0, steps: 4 });
});

test('Done without a rating carries no discomfort; a rating out of 0..10 is refused', () => {
  const { c, state } = started();
  assert.equal('discomfort' in p.done(state, c({ discomfort: null })).events[0], false);
  assert.throws(() => p.done(state, c({ discomfort: 11 })), RangeError);
  assert.throws(() => p.done(state, c({ discomfort: 2.5 })), RangeError);
});

test('Skip records the reason; an unknown reason is refused', () => {
  const { c, state } = started();
  const r = p.skip(state, c({ reason: 'too_hard' }));
  assert.deepEqual([r.events[0].type, r.events[0].step, r.events[0].reason], ['POSE_SKIPPED', 0, 'too_hard']);
  assert.equal('reason' in p.skip(state, c({ reason: null })).events[0], false);
  assert.throws(() => p.skip(state, c({ reason: 'bored' })), RangeError);
});

test('Back starts the pose before again; a step done already is not recorded twice', () => {
  let { c, state } = started();
  state = p.done(state, c({ discomfort: 5 })).state;
  const back = p.back(state, c());
  assert.deepEqual(back.events.map((e) => [e.type, e.step]), [['POSE_STARTED', 0]]);
  const again = p.done(back.state, c({ discomfort: 1 }));
  assert.deepEqual(again.events.map((e) => e.type), ['POSE_STARTED']);
  // Skipping a step already done only moves on, too.
  const skipped = p.skip(p.back(again.state, c()).state, c({ reason: 'pain' }));
  assert.deepEqual(skipped.events.map((e) => e.type), ['POSE_STARTED']);
  // On the first step there is nothing to go back to.
  assert.deepEqual(p.back(started().state, c()).events, []);
});

test('a step skipped, then gone back to and done, records the completion', () => {
  let { c, state } = started();
  state = p.skip(state, c({ reason: 'no_time' })).state;
  state = p.back(state, c()).state;
  const r = p.done(state, c({}));
  assert.equal(r.events[0].type, 'POSE_COMPLETED');
  assert.equal(r.state.outcomes[0], 'done');
});

test('Back from the end returns to the last pose', () => {
  let { c, state } = started();
  for (let i = 0; i < 4; i++) state = p.done(state, c({})).state;
  const r = p.back(state, c());
  assert.equal(r.state.phase, 'steps');
  assert.equal(r.state.step, 3);
  assert.deepEqual(r.events.map((e) => [e.type, e.step]), [['POSE_STARTED', 3]]);
});

test('leaving early asks pain after and ends abandoned; keep going returns to the step', () => {
  let { c, state } = started();
  state = p.done(state, c({})).state;
  const left = p.leave(state).state;
  assert.equal(left.phase, 'after');
  assert.equal(p.stay(left).state.phase, 'steps');
  assert.equal(p.stay(left).state.step, 1);
  const r = p.end(left, c({ pain: { neck: 3 } }));
  assert.equal(r.events[0].type, 'SESSION_ABANDONED');
  assert.deepEqual(r.events[0].pain, { neck: 3 });
});

test('a session cut short resumes within three hours of its last event', () => {
  let { c, state } = started();
  state = p.done(state, c({})).state;
  const last = state.lastEventAt;
  assert.equal(p.resumeOrAbandon(state, last + p.RESUME_WITHIN_MS - 1, () => 'x').resume, true);
});

test('later it is recorded abandoned at its last event\'s time', () => {
  let { c, state } = started();
  state = p.done(state, c({ discomfort: 2 })).state;
  const last = state.lastEventAt;
  const r = p.resumeOrAbandon(state, last + p.RESUME_WITHIN_MS, () => 'late');
  assert.equal(r.resume, false);
  assert.deepEqual(r.events, [{ eventId: 'late', type: 'SESSION_ABANDONED', sessionId: 's1', occurredAt: stamp(last) }]);
  assert.equal(r.state.phase, 'ended');
});

test('an ended session is neither resumed nor abandoned again', () => {
  let { c, state } = started();
  state = p.end(p.leave(state).state, c({})).state;
  assert.deepEqual(p.resumeOrAbandon(state, Date.now(), () => 'x'), { resume: false, state: null, events: [] });
});

test('actions out of turn are refused', () => {
  const { c, state } = started();
  assert.throws(() => p.start(state, c({})));
  assert.throws(() => p.end(state, c({})));
  assert.throws(() => p.done(p.prepare('ana', routine, 's'), c({})));
});

test('occurredAt is RFC 3339 with the device\'s offset', () => {
  assert.equal(stamp(Date.parse('2026-12-02T08:15:04.120Z'), 60), '2026-12-02T09:15:04.120+01:00');
  assert.equal(stamp(Date.parse('2026-12-02T08:15:04.120Z'), -330), '2026-12-02T02:45:04.120-05:30');
  assert.equal(stamp(Date.parse('2026-12-31T23:59:59.999Z'), 0), '2026-12-31T23:59:59.999+00:00');
});
