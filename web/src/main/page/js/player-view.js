// The player: pain before, then each step (pose, side, cues, the hold timer, the gentler option one
// tap away; Done with an optional discomfort, Skip with a reason, Back, Pause), pain after, then
// Complete — or End early, an abandoned session. Every action is recorded on the device first
// (sync.js sends it); the rules of what each action records are practice.js's.

import * as auth from './auth.js';
import { gentlerOption } from './catalogue.js';
import { $, announce, el, scale, scaleValue } from './dom.js';
import * as hold from './hold.js';
import * as clock from './hold-clock.js';
import * as pain from './pain-scales.js';
import * as practice from './practice.js';
import * as skip from './skip-reasons.js';
import * as summary from './session-summary.js';
import * as sync from './sync.js';
import { keepAwake } from './wake-lock.js';
import { zone } from './time.js';

const SIDES = { left: 'Left side', right: 'Right side', both: 'One side, then the other', none: '' };

/**
 * What is on the screen: the session (practice.js), its routine and poses as they were when it
 * started (kept with it, so it resumes offline), the steps on their gentler option, the poses
 * under a POSE_PAIN alert, and the hold's clock.
 */
let current = null;
let onLeave = () => {};

export function init(leave) {
  onLeave = leave;
}

export function active() {
  return current !== null && current.state.phase !== 'ended';
}

/**
 * A new session of `routine`: pain before first. Steps start on their gentler option where `variants` (today's
 * session: step index → GENTLER or FULL) says so, and always for a pose under a POSE_PAIN alert.
 */
export function begin(routine, poses, alertPoses, variants = {}) {
  const user = auth.rememberedUser();
  const state = practice.prepare(user, routine, crypto.randomUUID());
  const painful = new Set(alertPoses);
  const gentler = {};
  routine.steps.forEach((s, i) => {
    if ((painful.has(s.pose) || variants[i] === 'GENTLER') && gentlerOption(s, poses.get(s.pose))) gentler[i] = true;
  });
  current = { user, state, routine, poses: usedPoses(routine, poses), gentler, alertPoses: [...painful], paused: false };
  render();
}

/** A session found on the device within three hours of its last event: on where it was, paused. */
export function resume(kept) {
  current = { ...kept, poses: new Map(Object.entries(kept.poses)), paused: true };
  render();
  announce('Welcome back. Your session is paused at step ' + (current.state.step + 1) + '. Resume when you are ready.');
}

/** Back to the session in progress after looking at another view. */
export function show() {
  if (current) render();
}

export function hide() {
  clock.stop();
  keepAwake(false);
  $('player').hidden = true;
}

function usedPoses(routine, poses) {
  return new Map(routine.steps.map((s) => [s.pose, poses.get(s.pose)]).filter(([, p]) => p));
}

/** What is kept on the device with the session (the Map as a plain object). */
function kept() {
  const { paused, ...rest } = current;
  return { ...rest, poses: Object.fromEntries(current.poses) };
}

/** Runs one of practice.js's actions: the events go to the outbox with the state, in one write. */
async function act(action, args) {
  const c = { at: Date.now(), newId: () => crypto.randomUUID(), ...args };
  const { state, events } = action(current.state, c);
  current = { ...current, state };
  const ended = state.phase === 'ended';
  await sync.record(current.user, events, ended ? null : kept());
  render();
}

document.addEventListener('visibilitychange', () => keepAwake(current !== null && current.state.phase === 'steps'));

function render() {
  clock.stop();
  keepAwake(current.state.phase === 'steps');
  const { state } = current;
  const box = $('player-body');
  $('player').hidden = false;
  $('player').dataset.phase = state.phase;
  $('player').dataset.session = state.sessionId;
  $('player').dataset.step = String(state.step);
  $('player-title').textContent = current.routine.title;
  const parts = state.phase === 'before' ? before() : state.phase === 'steps' ? step()
    : state.phase === 'after' ? after() : ended();
  box.replaceChildren(...parts.filter((part) => part));
  const focus = box.querySelector('[data-focus]');
  if (focus) focus.focus();
  document.body.dataset.loaded = 'true';
}

function painScales(prefix, question) {
  return pain.scales(current.routine.focus, prefix, question);
}

function painValues(prefix) {
  return pain.values(current.routine.focus, prefix, $('player-body'));
}

function before() {
  const form = el('form', { class: 'pain-form', 'data-testid': 'pain-before' },
    el('h2', { tabindex: '-1', 'data-focus': true, text: 'Before you start' }),
    el('p', { class: 'note', text: 'How much does it hurt right now? 0 is no pain, 10 the worst. Rating is optional; it is how Sukha learns what helps you.' }),
    ...painScales('before', 'Your %s'),
    el('div', { class: 'actions' },
      el('button', { type: 'submit', class: 'primary', 'data-testid': 'start', text: 'Start' }),
      cancelButton()));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    act(practice.start, { pain: painValues('before'), zone: zone() });
  });
  return [form];
}

function cancelButton() {
  const cancel = el('button', { type: 'button', class: 'secondary', text: 'Not now' });
  cancel.addEventListener('click', () => { current = null; onLeave(); });
  return cancel;
}

function step() {
  const { state, routine } = current;
  const s = routine.steps[state.step];
  const pose = current.poses.get(s.pose);
  const gentler = gentlerOption(s, pose);
  const onGentler = !!current.gentler[state.step] && !!gentler;
  const recorded = state.outcomes[state.step];
  const name = pose ? pose.name : s.pose;
  const p = hold.plan(s.hold, s.side);

  const heading = el('h2', { class: 'pose-name', tabindex: '-1', 'data-focus': true, 'data-testid': 'pose-name', text: name });
  const progress = el('p', { class: 'progress', 'data-testid': 'step-progress' }, 'Step ' + (state.step + 1) + ' of ' + state.stepCount);
  const bar = el('div', { class: 'progress-bar', 'aria-hidden': 'true' }, el('i', {}));
  bar.firstChild.style.width = Math.round(100 * state.step / state.stepCount) + '%';

  const timer = el('div', { class: 'timer', 'data-testid': 'timer' },
    el('div', { class: 'breath', 'aria-hidden': 'true' }, el('span', { class: 'breath-word' })),
    el('p', { class: 'time', 'aria-hidden': 'true' }),
    el('p', { class: 'hold', text: 'Hold: ' + hold.describe(s.hold, s.side) }));

  const cues = el('ul', { class: 'cues' }, ...s.cues.map((c) => el('li', { text: c })));
  const how = pose && pose.cues && pose.cues.length ? el('details', { class: 'how' }, el('summary', { text: 'How to do ' + name }),
    el('ul', {}, ...pose.cues.map((c) => el('li', { text: c })))) : null;

  let option = null;
  if (gentler) {
    const toggle = el('button', { type: 'button', class: 'toggle', 'aria-pressed': String(onGentler), 'data-testid': 'gentler',
      text: onGentler ? 'Back to the full pose' : 'Gentler: ' + gentler.label });
    toggle.addEventListener('click', () => {
      current.gentler = { ...current.gentler, [state.step]: !onGentler };
      savePaused();
      render();
      announce(onGentler ? 'The full pose.' : 'Gentler option: ' + gentler.label + '. ' + gentler.cue);
    });
    option = el('div', { class: 'option' + (onGentler ? ' on' : ''), 'data-gentler': String(onGentler) }, toggle,
      onGentler ? el('p', { class: 'option-cue' }, el('strong', { text: gentler.label + ': ' }), gentler.cue) : null);
  }
  const alerted = current.alertPoses.includes(s.pose) && onGentler
    ? el('p', { class: 'caution', 'data-testid': 'pose-pain-note', text: name + ' has been hurting lately, so it starts on its gentler option. Stop at the first sharp feeling.' })
    : null;

  const feel = scale('discomfort', 'How did it feel? (optional)', { hint: '0 is no discomfort, 10 the worst.' });
  const doneButton = el('button', { type: 'button', class: 'primary', 'data-testid': 'done', text: recorded === 'done' ? 'Next' : 'Done' });
  doneButton.addEventListener('click', () => act(practice.done, { discomfort: scaleValue(feel, 'discomfort') }));
  const { button: skipButton, reasons } = skip.controls((reason) => act(practice.skip, { reason }));
  const backButton = el('button', { type: 'button', class: 'secondary', 'data-testid': 'back', text: 'Back' });
  backButton.disabled = state.step === 0;
  backButton.addEventListener('click', () => act(practice.back, {}));
  const pauseButton = el('button', { type: 'button', class: 'secondary', 'data-testid': 'pause', 'aria-pressed': String(current.paused),
    text: current.paused ? 'Resume' : 'Pause' });
  pauseButton.addEventListener('click', () => {
    current.paused = !current.paused;
    pauseButton.textContent = current.paused ? 'Resume' : 'Pause';
    pauseButton.setAttribute('aria-pressed', String(current.paused));
    $('player').dataset.paused = String(current.paused);
    announce(current.paused ? 'Paused.' : 'Resumed.');
  });
  $('player').dataset.paused = String(current.paused);

  const leave = el('button', { type: 'button', class: 'link', 'data-testid': 'end-early', text: 'End the session early' });
  leave.addEventListener('click', () => act(practice.leave, {}));

  clock.start(timer, p, () => current !== null && current.paused);
  announce('Step ' + (state.step + 1) + ' of ' + state.stepCount + ': ' + name + (SIDES[s.side] ? ', ' + SIDES[s.side].toLowerCase() : '')
    + '. ' + hold.describe(s.hold, s.side) + '.' + (onGentler ? ' Gentler option: ' + gentler.label + '.' : ''));
  return [progress, bar, heading,
    SIDES[s.side] ? el('p', { class: 'side', 'data-testid': 'side', text: SIDES[s.side] }) : null,
    alerted, timer, cues, option, how,
    recorded ? el('p', { class: 'note', text: recorded === 'done' ? 'You did this one already.' : 'You skipped this one.' }) : null,
    recorded === 'done' ? null : feel,
    el('div', { class: 'actions controls' }, backButton, pauseButton, skipButton, doneButton),
    reasons, el('p', {}, leave)];
}

function after() {
  const abandoning = current.state.ending === 'abandon';
  const form = el('form', { class: 'pain-form', 'data-testid': 'pain-after' },
    el('h2', { tabindex: '-1', 'data-focus': true, text: abandoning ? 'Ending early' : 'Well done — one last question' }),
    el('p', { class: 'note', text: 'How much does it hurt now? Optional, and the way to see what helps you.' }),
    ...painScales('after', 'Your %s now'));
  const actions = el('div', { class: 'actions' },
    el('button', { type: 'submit', class: 'primary', 'data-testid': 'complete', text: abandoning ? 'End the session' : 'Complete' }));
  if (abandoning) {
    const stay = el('button', { type: 'button', class: 'secondary', text: 'Keep going' });
    stay.addEventListener('click', () => act(practice.stay, {}));
    actions.append(stay);
  } else {
    const back = el('button', { type: 'button', class: 'secondary', text: 'Back to the last pose' });
    back.addEventListener('click', () => act(practice.back, {}));
    actions.append(back);
  }
  form.append(actions);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    act(practice.end, { pain: painValues('after') });
  });
  return [form];
}

function ended() {
  const parts = summary.render(current.state);
  current = null;
  return parts;
}

/** Saves the session as it is (the gentler option toggled) without recording an event. */
function savePaused() {
  if (current.state.phase !== 'before') sync.record(current.user, [], kept());
}

