// A practice session as the player records it, pure: each action takes the session's state and
// gives the next state and the events it recorded. Identity and time come in as arguments, so
// node's test runner checks every rule (src/test/page/practice.test.mjs).

import { stamp } from './time.js';

/** A session cut short resumes within this long of its last event; later it is recorded abandoned. */
export const RESUME_WITHIN_MS = 3 * 60 * 60 * 1000;

export const SKIP_REASONS = ['pain', 'too_hard', 'no_time', 'other'];

/**
 * A session about to start: the person is asked their pain before. Nothing is recorded yet.
 * @param routine the routine version as routine-service serves it ({id, version, steps, focus})
 */
export function prepare(user, routine, sessionId) {
  return {
    sessionId, user, routineId: routine.id, routineVersion: routine.version, stepCount: routine.steps.length,
    phase: 'before', step: 0, outcomes: {}, ending: null, startedAt: null, lastEventAt: null,
  };
}

/**
 * Starts the session: SESSION_STARTED (with the pain before, when given) and the first pose.
 * @param c {at, zone, newId, pain}: at in ms since the epoch, newId() a fresh UUID
 */
export function start(state, c) {
  requirePhase(state, 'before');
  const started = event(state, 'SESSION_STARTED', c, {
    routineId: state.routineId, routineVersion: state.routineVersion, zone: c.zone, ...painField(c.pain),
  });
  const next = { ...state, phase: 'steps', step: 0, startedAt: c.at, lastEventAt: c.at };
  return { state: next, events: [started, event(next, 'POSE_STARTED', c, { step: 0 })] };
}

/**
 * Done with the current step, with an optional discomfort 0..10. A step already recorded (the
 * person went back to it) is not recorded twice: they only move on.
 */
export function done(state, c) {
  requirePhase(state, 'steps');
  if (c.discomfort !== undefined && c.discomfort !== null && !isScore(c.discomfort)) {
    throw new RangeError('discomfort is 0 to 10');
  }
  const recorded = state.outcomes[state.step] === 'done';
  const events = recorded ? [] : [event(state, 'POSE_COMPLETED', c, {
    step: state.step, ...(isScore(c.discomfort) ? { discomfort: c.discomfort } : {}),
  })];
  return advance({ ...state, outcomes: { ...state.outcomes, [state.step]: 'done' } }, c, events);
}

/** Skips the current step, with a reason; a step already done or skipped is only left. */
export function skip(state, c) {
  requirePhase(state, 'steps');
  if (c.reason !== undefined && c.reason !== null && !SKIP_REASONS.includes(c.reason)) {
    throw new RangeError('unknown skip reason ' + c.reason);
  }
  const recorded = state.outcomes[state.step] !== undefined;
  const events = recorded ? [] : [event(state, 'POSE_SKIPPED', c, {
    step: state.step, ...(c.reason ? { reason: c.reason } : {}),
  })];
  const outcomes = recorded ? state.outcomes : { ...state.outcomes, [state.step]: 'skipped' };
  return advance({ ...state, outcomes }, c, events);
}

/** Back to the step before (or from the end back to the last step): that pose starts again. */
export function back(state, c) {
  if (state.phase === 'after' && state.ending === 'complete') {
    const next = { ...state, phase: 'steps', step: state.stepCount - 1, ending: null, lastEventAt: c.at };
    return { state: next, events: [event(next, 'POSE_STARTED', c, { step: next.step })] };
  }
  requirePhase(state, 'steps');
  if (state.step === 0) return { state, events: [] };
  const next = { ...state, step: state.step - 1, lastEventAt: c.at };
  return { state: next, events: [event(next, 'POSE_STARTED', c, { step: next.step })] };
}

/** The person leaves before the end: they are asked their pain after, then it is abandoned. */
export function leave(state) {
  if (state.phase === 'after') return { state: { ...state, ending: 'abandon' }, events: [] };
  requirePhase(state, 'steps');
  return { state: { ...state, phase: 'after', ending: 'abandon' }, events: [] };
}

/** Back into the steps from "leave early" (changed their mind). */
export function stay(state) {
  requirePhase(state, 'after');
  if (state.ending !== 'abandon') return { state, events: [] };
  const last = state.step >= state.stepCount;
  return { state: { ...state, phase: last ? 'after' : 'steps', ending: last ? 'complete' : null }, events: [] };
}

/** Ends the session with the pain after, when given: completed, or abandoned if they left early. */
export function end(state, c) {
  requirePhase(state, 'after');
  const type = state.ending === 'abandon' ? 'SESSION_ABANDONED' : 'SESSION_COMPLETED';
  const next = { ...state, phase: 'ended', lastEventAt: c.at };
  return { state: next, events: [event(state, type, c, painField(c.pain))] };
}

/**
 * A session found unfinished on the device (the tab was closed, the phone locked): within three
 * hours of its last event it resumes; later it is recorded abandoned at its last event's time.
 * A session that never started records nothing and is forgotten.
 * @returns {{resume: boolean, state, events: object[]}}
 */
export function resumeOrAbandon(state, now, newId) {
  if (!state || state.phase === 'ended') return { resume: false, state: null, events: [] };
  if (state.phase === 'before' || state.startedAt === null) return { resume: false, state: null, events: [] };
  if (now - state.lastEventAt < RESUME_WITHIN_MS) return { resume: true, state, events: [] };
  const abandoned = event(state, 'SESSION_ABANDONED', { at: state.lastEventAt, newId }, {});
  return { resume: false, state: { ...state, phase: 'ended' }, events: [abandoned] };
}

/** How far along: steps done, skipped, and the number of steps. */
export function progress(state) {
  const values = Object.values(state.outcomes);
  return {
    done: values.filter((v) => v === 'done').length,
    skipped: values.filter((v) => v === 'skipped').length,
    steps: state.stepCount,
  };
}

function advance(state, c, events) {
  const stepNext = state.step + 1;
  if (stepNext >= state.stepCount) {
    return { state: { ...state, phase: 'after', ending: 'complete', step: state.stepCount, lastEventAt: lastAt(state, c, events) }, events };
  }
  const next = { ...state, step: stepNext, lastEventAt: c.at };
  return { state: next, events: [...events, event(next, 'POSE_STARTED', c, { step: stepNext })] };
}

function lastAt(state, c, events) {
  return events.length ? c.at : state.lastEventAt;
}

function event(state, type, c, fields) {
  return { eventId: c.newId(), type, sessionId: state.sessionId, occurredAt: stamp(c.at), ...fields };
}

/** {pain: {area: n}} with only the areas given a score, or nothing at all. */
function painField(pain) {
  const given = Object.entries(pain || {}).filter(([, v]) => isScore(v));
  return given.length ? { pain: Object.fromEntries(given) } : {};
}

function isScore(v) {
  return Number.isInteger(v) && v >= 0 && v <= 10;
}

function requirePhase(state, phase) {
  if (state.phase !== phase) throw new Error('the session is ' + state.phase + ', not ' + phase);
}
