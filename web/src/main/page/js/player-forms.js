// The player's two questions: pain before (with the voice and pacing choices) and pain after, each optional.

import { el } from './dom.js';
import * as pain from './pain-scales.js';

/** Pain before; {@code start(pain)} on Start, {@code leave()} on Not now. */
export function before(focus, settings, start, leave) {
  const cancel = el('button', { type: 'button', class: 'secondary', text: 'Not now' });
  cancel.addEventListener('click', leave);
  const form = el('form', { class: 'pain-form', 'data-testid': 'pain-before' },
    el('h2', { tabindex: '-1', 'data-focus': true, text: 'Before you start' }),
    el('p', { class: 'note', text: 'How much does it hurt right now? 0 is no pain, 10 the worst. Rating is optional; it is how Sukha learns what helps you.' }),
    ...pain.scales(focus, 'before', 'Your %s'), settings,
    el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'primary', 'data-testid': 'start', text: 'Start' }), cancel));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    start(pain.values(focus, 'before', form));
  });
  return form;
}

/** Pain after; {@code end(pain)} on Complete (or End the session), then Keep going or Back to the last pose. */
export function after(focus, abandoning, end, stay, back) {
  const form = el('form', { class: 'pain-form', 'data-testid': 'pain-after' },
    el('h2', { tabindex: '-1', 'data-focus': true, text: abandoning ? 'Ending early' : 'Well done — one last question' }),
    el('p', { class: 'note', text: 'How much does it hurt now? Optional, and the way to see what helps you.' }),
    ...pain.scales(focus, 'after', 'Your %s now'));
  const second = el('button', { type: 'button', class: 'secondary', text: abandoning ? 'Keep going' : 'Back to the last pose' });
  second.addEventListener('click', abandoning ? stay : back);
  form.append(el('div', { class: 'actions' },
    el('button', { type: 'submit', class: 'primary', 'data-testid': 'complete', text: abandoning ? 'End the session' : 'Complete' }), second));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    end(pain.values(focus, 'after', form));
  });
  return form;
}
