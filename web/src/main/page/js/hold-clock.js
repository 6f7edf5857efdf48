// The hold's clock on the screen: the time left, breathe in and out, each cue said aloud as it comes; it stands
// still while the session is paused, and runs faster in a test tab (time.js's rate).

import { announce } from './dom.js';
import * as guide from './guide.js';
import * as hold from './hold.js';
import { timerRate } from './time.js';

const TICK_MS = 200;
let clock = null;

/**
 * Runs the clock of {@code plan} in {@code timer}; {@code paused()} says whether it stands still now. {@code hooks}:
 * {@code said(lines)} gets what the voice says between two ticks (guide.js), {@code done()} runs once as the hold ends.
 */
export function start(timer, plan, paused, hooks = {}) {
  const time = timer.querySelector('.time');
  const word = timer.querySelector('.breath-word');
  let elapsed = 0;
  let before = -1;
  let finished = false;
  let last = performance.now();
  let cue = null;
  const rate = timerRate();
  const tick = () => {
    const now = performance.now();
    if (!paused()) elapsed += (now - last) * rate;
    last = now;
    const at = hold.at(plan, elapsed);
    const seconds = Math.ceil(at.remainingMs / 1000);
    time.textContent = at.done ? 'Done' : Math.floor(seconds / 60) + ':' + String(seconds % 60).padStart(2, '0');
    timer.dataset.breathing = at.breathing || '';
    timer.dataset.done = String(at.done);
    word.textContent = at.breathing === 'in' ? 'Breathe in' : at.breathing === 'out' ? 'Breathe out' : '';
    if (at.cue !== cue) {
      if (cue !== null) announce(at.done ? 'Hold complete. Rate it if you like, then Done.' : at.cue);
      cue = at.cue;
    }
    if (hooks.said && elapsed > before) hooks.said(guide.between(plan, before, Math.min(elapsed, plan.totalMs)));
    before = elapsed;
    if (at.done) {
      stop();
      if (!finished && hooks.done) hooks.done();
      finished = true;
    }
  };
  tick();
  clock = setInterval(tick, TICK_MS);
}

export function stop() {
  if (clock) clearInterval(clock);
  clock = null;
}
