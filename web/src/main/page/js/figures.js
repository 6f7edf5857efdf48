// The person's figures, the one place that reads them: where each is read, the reads conditional (the browser
// sends the ETag it holds, so an unchanged figure costs a 304), this week's kept on the device per person so that
// offline the page shows them with their age — never another person's.

import * as auth from './auth.js';
import * as store from './device-store.js';
import { api, OfflineError } from './http.js';
import { zone } from './time.js';

/** Each figure: where it is read, for a week (null: this one). */
const READS = {
  streak: () => '/v1/me/streak',
  week: (week) => '/v1/me/progress/weekly' + (week ? '?week=' + encodeURIComponent(week) : ''),
  trend: () => '/v1/me/pain-trend?weeks=8',
  relief: () => '/v1/me/routines/relief',
  pauses: () => '/v1/me/pauses',
  feel: () => '/v1/me/poses/discomfort?weeks=8',
  asymmetry: () => '/v1/me/asymmetry?weeks=8',
  next: () => '/v1/me/next?zone=' + encodeURIComponent(zone()),
};

/** Every figure. */
export const ALL = Object.keys(READS);

/** The stream of changes names figures its own way: which reads each name asks for again. */
const FROM_STREAM = { streak: ['streak'], week: ['week'], trend: ['trend'], relief: ['relief'], pauses: ['pauses'],
  discomfort: ['feel'], asymmetry: ['asymmetry'], next: ['next'], intake: ['next'] };

/** The figures last read in this tab, and whose they are. */
const held = { user: null, week: null, figures: null };

/** The reads a stream's change asks for again (null: perhaps any, when polling). */
export function named(changed) {
  return changed === null ? ALL : [...new Set(changed.flatMap((c) => FROM_STREAM[c] || []))];
}

/**
 * Reads {@code which} afresh for {@code week} (null: this week) and returns every figure, the others as last read
 * for the same person and week; this week's are kept on the device. Throws when the service cannot be reached.
 */
export async function read(which = ALL, week = null) {
  const user = auth.user();
  if (held.user !== user || held.week !== week || !held.figures) {
    // Another person, or another week: nothing read before fills in these.
    Object.assign(held, { user, week, figures: null });
    which = ALL;
  }
  const answers = await Promise.all(which.map((k) => api(READS[k](week))));
  const figures = { ...(held.figures || {}) };
  which.forEach((k, i) => { figures[k] = answers[i]; });
  held.figures = figures;
  if (!week) await store.saveFigures(user, figures).catch(() => {});
  return figures;
}

/**
 * Fresh when the service answers; offline, this week's copy kept on the device for the person signed in, with when
 * it was read ({@code asOf}); otherwise the error.
 */
export async function freshElseKept(week = null) {
  try {
    return { figures: await read(ALL, week), asOf: null };
  } catch (e) {
    const copy = e instanceof OfflineError && !week ? await kept() : null;
    if (!copy) throw e;
    return copy;
  }
}

/** One figure, fresh when the service answers, else as last kept on the device (null when there is none). */
export async function one(name) {
  try {
    return await api(READS[name](null));
  } catch (e) {
    const copy = await kept();
    return copy ? copy.figures[name] : null;
  }
}

/** The device's copy of this week's figures of whoever signed in last: {figures, asOf}, or null. */
async function kept() {
  const user = auth.rememberedUser();
  const copy = user ? await store.figures(user).catch(() => null) : null;
  return copy ? { figures: copy.figures, asOf: copy.at } : null;
}
