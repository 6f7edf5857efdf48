// What the voice says (src/main/page/js/guide.js), with node's test runner.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { between, opening } from '../../main/page/js/guide.js';
import { plan } from '../../main/page/js/hold.js';

test('a step opens with its number, pose and side, the gentler option when on, its cues and its hold', () => {
  assert.deepEqual(opening({ name: 'Thread the needle', side: 'left', stepNumber: 5, stepCount: 8, cues: ['Slide the arm under.'],
    gentler: 'Stay on the forearm', holdText: '5 breaths' }),
  ['Step 5 of 8. Thread the needle, left side.', 'Gentler option: Stay on the forearm.', 'Slide the arm under.', 'Hold for 5 breaths.']);
  assert.deepEqual(opening({ name: 'Resting breath', side: 'none', stepNumber: 1, stepCount: 1 }), ['Step 1 of 1. Resting breath.']);
  assert.deepEqual(opening({ name: 'Eagle arms', side: 'right', stepNumber: 6, stepCount: 9, switched: true }),
    ['Switch sides.', 'Step 6 of 9. Eagle arms, right side.']);
});

test('a breath hold paces every breath and counts down its last three seconds', () => {
  const p = plan({ breaths: 2 }, 'none');
  assert.deepEqual(between(p, -1, 12000), ['Breathe in.', 'Breathe out.', 'Breathe in.', 'Breathe out.', '3.', '2.', '1.']);
});

test('both sides: switch sides between them, a countdown before each ends', () => {
  const p = plan({ seconds: 10 }, 'both');
  assert.deepEqual(between(p, -1, 20000), ['3.', '2.', '1.', 'Switch sides.', '3.', '2.', '1.']);
});

test('ticks say each thing once, whatever their size', () => {
  const p = plan({ breaths: 3 }, 'left');
  const once = between(p, -1, p.totalMs);
  const ticked = [];
  for (let t = -1; t < p.totalMs; t += 137) ticked.push(...between(p, t, Math.min(p.totalMs, t + 137)));
  assert.deepEqual(ticked, once);
  assert.deepEqual(between(p, 5000, 5000), []);
});
