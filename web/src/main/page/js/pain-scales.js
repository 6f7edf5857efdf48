// The 0-to-10 pain scales of a routine's body areas, before and after a session, and what was chosen on them.

import { area, scale, scaleValue } from './dom.js';

/** A scale per area, each asking {@code question} with the area's name in place of %s. */
export function scales(areas, prefix, question) {
  return areas.map((a) => scale(prefix + '-' + a, question.replace('%s', area(a).toLowerCase())));
}

/** The chosen value of each area's scale in {@code form}; an area left unrated is left out. */
export function values(areas, prefix, form) {
  const chosen = {};
  areas.forEach((a) => {
    const v = scaleValue(form, prefix + '-' + a);
    if (v !== null) chosen[a] = v;
  });
  return chosen;
}
