// What the voice says during a step, pure: the pose and side as the step starts ("switch sides" from the other side of
// the same pose; its cues, the gentler option when it is on), the breath pacing the hold timer uses, "switch sides" between the sides of a `both` step, and a three-second
// countdown before each side's hold ends. node's test runner checks it (src/test/page/guide.test.mjs).

import { BREATH_MS, at } from './hold.js';

const SIDE_WORDS = { left: 'left side', right: 'right side', both: 'each side', none: '' };

/** What is said as a step starts. */
export function opening({ name, side, stepNumber, stepCount, cues = [], gentler = null, holdText = '', switched = false }) {
  const said = switched ? ['Switch sides.'] : [];
  said.push('Step ' + stepNumber + ' of ' + stepCount + '. ' + name + (SIDE_WORDS[side] ? ', ' + SIDE_WORDS[side] : '') + '.');
  if (gentler) said.push('Gentler option: ' + gentler + '.');
  cues.forEach((c) => said.push(c));
  if (holdText) said.push('Hold for ' + holdText + '.');
  return said;
}

/**
 * What is said between two moments of a hold (elapsed ms, the clock's last tick and this one): each breath's
 * "breathe in" and "breathe out", "switch sides" as the second side begins, and "3", "2", "1" in the last three
 * seconds of each side. A tick that jumps (a slow device, a fast test clock) says what it passed over, in order.
 */
export function between(plan, fromMs, toMs) {
  const said = [];
  if (toMs <= fromMs) return said;
  const marks = [];
  for (let side = 0; side < plan.sides; side++) {
    const start = side * plan.perSideMs;
    if (side > 0) marks.push([start, 'Switch sides.']);
    if (plan.breaths !== null) {
      for (let b = 0; b < plan.breaths; b++) {
        marks.push([start + b * BREATH_MS, 'Breathe in.']);
        marks.push([start + b * BREATH_MS + BREATH_MS / 2, 'Breathe out.']);
      }
    }
    const end = start + plan.perSideMs;
    [3, 2, 1].forEach((n) => { if (plan.perSideMs > n * 1000) marks.push([end - n * 1000, String(n) + '.']); });
  }
  marks.sort((a, b) => a[0] - b[0]);
  // Said when its moment falls in (from, to], or at 0 when the clock starts (from < 0).
  marks.forEach(([ms, text]) => { if (ms > fromMs && ms <= toMs) said.push(text); });
  return said;
}

/** Whether the hold is over at `elapsedMs`. */
export function over(plan, elapsedMs) {
  return at(plan, elapsedMs).done;
}
