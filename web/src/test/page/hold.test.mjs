// A step's hold (src/main/page/js/hold.js), with node's test runner.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BREATH_MS, at, describe, plan } from '../../main/page/js/hold.js';

test('breaths last six seconds each, as routine minutes count them; both sides twice', () => {
  assert.deepEqual(plan({ breaths: 5 }, 'left'), { breaths: 5, perSideMs: 30000, sides: 1, totalMs: 30000 });
  assert.deepEqual(plan({ seconds: 45 }, 'both'), { breaths: null, perSideMs: 45000, sides: 2, totalMs: 90000 });
  assert.equal(BREATH_MS, 6000);
});

test('a breath hold counts breaths, in then out', () => {
  const p = plan({ breaths: 3 }, 'none');
  assert.deepEqual([at(p, 0).breath, at(p, 0).breathing], [1, 'in']);
  assert.deepEqual([at(p, 3000).breath, at(p, 3000).breathing], [1, 'out']);
  assert.deepEqual([at(p, 6000).breath, at(p, 6000).breathing], [2, 'in']);
  assert.equal(at(p, 17999).breath, 3);
  assert.equal(at(p, 0).cue, 'Breath 1 of 3.');
  assert.equal(at(p, 18000).done, true);
  assert.equal(at(p, 18000).cue, 'Hold complete.');
});

test('a timed hold says ten seconds are left, and the other side when it comes', () => {
  const p = plan({ seconds: 30 }, 'both');
  assert.equal(at(p, 1000).cue, 'Hold.');
  assert.equal(at(p, 20000).cue, '10 seconds left.');
  assert.equal(at(p, 30000).sideIndex, 1);
  assert.equal(at(p, 30000).cue, 'Other side. Hold.');
  assert.equal(at(p, 51000).cue, 'Other side. 10 seconds left.');
  assert.equal(at(p, 59000).remainingMs, 1000);
});

test('a short timed hold does not announce ten seconds left at its start', () => {
  assert.equal(at(plan({ seconds: 12 }, 'none'), 0).cue, 'Hold.');
});

test('the cue changes only when there is something to say', () => {
  const p = plan({ breaths: 4 }, 'none');
  const cues = new Set();
  for (let t = 0; t <= p.totalMs; t += 200) cues.add(at(p, t).cue);
  assert.deepEqual([...cues], ['Breath 1 of 4.', 'Breath 2 of 4.', 'Breath 3 of 4.', 'Breath 4 of 4.', 'Hold complete.']);
});

test('holds are said in words', () => {
  assert.equal(describe({ breaths: 1 }, 'left'), '1 breath');
  assert.equal(describe({ breaths: 5 }, 'both'), '5 breaths on each side');
  assert.equal(describe({ seconds: 30 }, 'none'), '30 seconds');
});
