// The catalogue from routine-service: the routines, one routine whole, and the pose library. The
// service worker keeps every answer it passes on (sw.js), so what was opened once opens offline.

import { api } from './http.js';

let poses = null;

export async function routines() {
  return api('/v1/routines');
}

export async function routine(id) {
  return api('/v1/routines/' + encodeURIComponent(id));
}

/** The programmes, in short (routine-service). */
export async function programmes() {
  return api('/v1/programmes');
}

/** One published version of a routine (today's session names the version its steps are of). */
export async function routineVersion(id, version) {
  return api('/v1/routines/' + encodeURIComponent(id) + '/versions/' + version);
}

/** The pose library by id (read again when `fresh`, else once per page). */
export async function poseLibrary(fresh = false) {
  if (!poses || fresh) {
    const list = await api('/v1/poses');
    poses = new Map(list.map((p) => [p.id, p]));
  }
  return poses;
}

/**
 * A step's gentler option: the step's own, else its pose's in the library (how the service words
 * a POSE_PAIN alert's advice, too).
 */
export function gentlerOption(step, pose) {
  const own = (step.options || []).find((o) => o.intensity === 'gentler');
  if (own) return own;
  return ((pose && pose.options) || []).find((o) => o.intensity === 'gentler') || null;
}

/** The catalogue's filters, as the routines view offers them. */
export function matches(summary, f) {
  return (!f.focus || summary.focus.includes(f.focus))
    && (!f.maxMinutes || summary.minutes <= Number(f.maxMinutes))
    && (!f.space || summary.space.includes(f.space))
    && (!f.level || summary.level === f.level);
}
