// The player: pain before, then each step (pose, side, cues, the hold timer, the gentler option one
// tap away; Done with an optional discomfort, Skip with a reason, Back, Pause), pain after, then
// Complete — or End early, an abandoned session. Every action is recorded on the device first
// (sync.js sends it); the rules of what each action records are practice.js's.

import * as auth from './auth.js';
import { gentlerOption } from './catalogue.js';
import { $, announce, el, scale, scaleValue } from './dom.js';
import * as hold from './hold.js';
import * as forms from './player-forms.js';
import * as clock from './hold-clock.js';
import * as pacing from './pacing.js';
import * as practice from './practice.js';
import * as skip from './skip-reasons.js';
import * as summary from './session-summary.js';
import * as sync from './sync.js';
import * as voice from './voice.js';
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
  pacing.reset();
  voice.use(voice.settings(user));
  render();
}

/** A session found on the device within three hours of its last event: on where it was, paused. */
export function resume(kept) {
  current = { ...kept, poses: new Map(Object.entries(kept.poses)), paused: true };
  pacing.reset();
  voice.use(voice.settings(current.user));
  render();
  announce('Welcome back. Your session is paused at step ' + (current.state.step + 1) + '. Resume when you are ready.');
}

/** Back to the session in progress after looking at another view. */
export function show() {
  if (current) render();
}

export function hide() {
  clock.stop();
  pacing.reset();
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
  pacing.cancel();
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

function before() {
  return [forms.before(current.routine.focus, pacing.settingsForm(current.user),
    (painBefore) => act(practice.start, { pain: painBefore, zone: zone() }), () => { current = null; onLeave(); })];
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
    if (current.paused) voice.stop();
    pauseButton.textContent = current.paused ? 'Resume' : 'Pause';
    pauseButton.setAttribute('aria-pressed', String(current.paused));
    $('player').dataset.paused = String(current.paused);
    announce(current.paused ? 'Paused.' : 'Resumed.');
  });
  $('player').dataset.paused = String(current.paused);

  const leave = el('button', { type: 'button', class: 'link', 'data-testid': 'end-early', text: 'End the session early' });
  leave.addEventListener('click', () => act(practice.leave, {}));

  const prev = state.step > 0 ? routine.steps[state.step - 1] : null;
  pacing.stepStarted(state.sessionId + ':' + state.step, { name, side: s.side, stepNumber: state.step + 1,
    stepCount: state.stepCount, cues: s.cues, gentler: onGentler ? gentler.label : null, holdText: hold.describe(s.hold, s.side),
    switched: !!prev && prev.pose === s.pose && prev.side !== s.side && s.side !== 'none' });
  const upNext = routine.steps[state.step + 1];
  clock.start(timer, p, () => current !== null && current.paused, pacing.hooks({ settings: voice.settings(current.user),
    nextName: upNext ? (current.poses.get(upNext.pose) || { name: upNext.pose }).name : null, paused: () => current.paused,
    stillHere: () => current !== null && current.state.phase === 'steps' && current.state.step === state.step,
    advance: () => act(practice.done, { discomfort: scaleValue(feel, 'discomfort') }) }));
  return [progress, bar, heading,
    SIDES[s.side] ? el('p', { class: 'side', 'data-testid': 'side', text: SIDES[s.side] }) : null,
    alerted, timer, el('p', { id: 'spoken', class: 'spoken', 'data-testid': 'spoken', 'aria-hidden': 'true' }), cues, option, how,
    recorded ? el('p', { class: 'note', text: recorded === 'done' ? 'You did this one already.' : 'You skipped this one.' }) : null,
    recorded === 'done' ? null : feel,
    el('div', { class: 'actions controls' }, backButton, pauseButton, skipButton, doneButton),
    reasons, el('p', {}, leave)];
}

function after() {
  return [forms.after(current.routine.focus, current.state.ending === 'abandon', (painAfter) => act(practice.end, { pain: painAfter }),
    () => act(practice.stay, {}), () => act(practice.back, {}))];
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

