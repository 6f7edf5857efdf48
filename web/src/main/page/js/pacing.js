// Hands-free practice: the step said as it starts, the hold paced aloud, a chime at its end and — with auto-advance
// on — the step recorded done after a short rest (said, and shown counting down), then the next one. Pause stops the
// speech and the rest; Back, Skip and Done stay one tap away. And the form where the person sets it all up.

import { el } from './dom.js';
import * as guide from './guide.js';
import { timerRate } from './time.js';
import * as voice from './voice.js';

let spokenStep = null;
let rest = null;

/** Forgets what was said and stops any rest under way (a new session, leaving the player). */
export function reset() {
  spokenStep = null;
  cancel();
  voice.stop();
}

export function cancel() {
  if (rest) clearInterval(rest);
  rest = null;
}

/** Says a step's opening, once per step reached (a redraw of the same step says nothing again). */
export function stepStarted(key, opening) {
  if (spokenStep === key) return;
  spokenStep = key;
  voice.say(guide.opening(opening));
}

/**
 * The clock's hooks for the current step: what the guide says goes to the voice; at the hold's end a chime and, with
 * auto-advance, a rest of the person's length (paused while the session is) before {@code advance()}.
 */
export function hooks({ settings, nextName, paused, advance, stillHere }) {
  return {
    said: (lines) => voice.say(lines),
    done: () => {
      voice.chime();
      if (!settings.autoAdvance) {
        voice.say(['Hold complete.']);
        return;
      }
      voice.say([nextName ? 'Rest. Next: ' + nextName + '.' : 'That was the last pose.']);
      cancel();
      let left = settings.restSeconds * 1000;
      let last = performance.now();
      const rate = timerRate();
      rest = setInterval(() => {
        const now = performance.now();
        if (!paused()) left -= (now - last) * rate;
        last = now;
        if (!stillHere()) {
          cancel();
        } else if (left <= 0) {
          cancel();
          advance();
        }
      }, 100);
    },
  };
}

/** The voice and pacing choices, saved on this device for the person as they change. */
export function settingsForm(user) {
  const s = voice.settings(user);
  const box = (name, label) => el('label', { class: 'choice' }, el('input', { type: 'checkbox', name, checked: s[name] || null }), ' ' + label);
  const rate = el('select', { name: 'rate', id: 'voice-rate' }, ...[[0.8, 'Slower'], [1, 'Normal'], [1.2, 'Faster']]
    .map(([v, t]) => el('option', { value: String(v), text: t, selected: Number(s.rate) === v || null })));
  const restSeconds = el('input', { type: 'number', name: 'restSeconds', id: 'rest-seconds', min: '0', max: '60', value: String(s.restSeconds) });
  const form = el('fieldset', { class: 'pacing', 'data-testid': 'pacing' }, el('legend', { text: 'Practise without looking' }),
    box('voice', 'Speak the steps'), box('chime', 'Chime at the end of a hold'), box('autoAdvance', 'Move on by itself'),
    el('p', {}, el('label', { for: 'voice-rate', text: 'Voice speed ' }), rate, ' ',
      el('label', { for: 'rest-seconds', text: 'Rest between poses (seconds) ' }), restSeconds));
  form.addEventListener('change', () => {
    const read = (n) => form.querySelector('[name=' + n + ']');
    const next = { voice: read('voice').checked, chime: read('chime').checked, autoAdvance: read('autoAdvance').checked,
      rate: read('rate').value, restSeconds: read('restSeconds').value };
    voice.save(user, next);
    voice.use(voice.settings(user));
  });
  return form;
}
