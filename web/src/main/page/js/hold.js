// A step's hold, pure: how long it lasts and where in it a moment falls (which breath, breathing in
// or out, which side, what to tell a screen reader). The player's clock only asks; node's test
// runner checks it (src/test/page/hold.test.mjs).

/** A slow, full breath, as routine-service counts a routine's minutes: in for half, out for half. */
export const BREATH_MS = 6000;

/**
 * The plan of a step's hold: each side's length (a `both` step is held on one side, then the other).
 * @param hold {breaths: n} or {seconds: n}
 */
export function plan(hold, side) {
  const breaths = hold && Number.isInteger(hold.breaths) ? hold.breaths : null;
  const perSideMs = breaths !== null ? breaths * BREATH_MS : Math.max(0, ((hold && hold.seconds) || 0) * 1000);
  const sides = side === 'both' ? 2 : 1;
  return { breaths, perSideMs, sides, totalMs: perSideMs * sides };
}

/**
 * Where the hold is after `elapsedMs`.
 * @returns {{done: boolean, sideIndex: number, remainingMs: number, breath: number|null,
 *            breathing: 'in'|'out'|null, cue: string}} cue is what a screen reader is told; it
 *   changes only when something worth saying changes (a breath, a side, ten seconds left, the end).
 */
export function at(p, elapsedMs) {
  const elapsed = Math.max(0, elapsedMs);
  if (elapsed >= p.totalMs) {
    return { done: true, sideIndex: p.sides - 1, remainingMs: 0, breath: null, breathing: null, cue: 'Hold complete.' };
  }
  const sideIndex = p.perSideMs === 0 ? 0 : Math.floor(elapsed / p.perSideMs);
  const inSide = elapsed - sideIndex * p.perSideMs;
  const remainingMs = p.totalMs - elapsed;
  const switched = sideIndex > 0 ? 'Other side. ' : '';
  if (p.breaths !== null) {
    const breath = Math.floor(inSide / BREATH_MS) + 1;
    const breathing = inSide % BREATH_MS < BREATH_MS / 2 ? 'in' : 'out';
    return { done: false, sideIndex, remainingMs, breath, breathing, cue: switched + 'Breath ' + breath + ' of ' + p.breaths + '.' };
  }
  const sideLeftMs = p.perSideMs - inSide;
  const cue = sideLeftMs <= 10000 && p.perSideMs > 15000 ? switched + '10 seconds left.' : switched + 'Hold.';
  return { done: false, sideIndex, remainingMs, breath: null, breathing: null, cue };
}

/** How the hold is said before it starts: "5 breaths", "30 seconds on each side". */
export function describe(hold, side) {
  const p = plan(hold, side);
  const amount = p.breaths !== null ? p.breaths + (p.breaths === 1 ? ' breath' : ' breaths')
    : Math.round(p.perSideMs / 1000) + ' seconds';
  return amount + (p.sides === 2 ? ' on each side' : '');
}
