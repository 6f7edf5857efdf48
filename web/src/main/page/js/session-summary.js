// The end of a session on the player: how much was done, about how long it took, and that it is kept on the
// device until it is sent; then the week, or another routine.

import { el } from './dom.js';
import * as practice from './practice.js';

/** The summary of {@code state}, a session just completed or ended early. */
export function render(state) {
  const { done, skipped, steps } = practice.progress(state);
  const minutes = Math.round((state.lastEventAt - state.startedAt) / 60000);
  const week = el('a', { href: '#/week', class: 'button primary', text: 'See your week' });
  const again = el('a', { href: '#/routines', class: 'button secondary', text: 'Another routine' });
  const abandoned = state.ending === 'abandon';
  const summary = el('div', { class: 'ended', 'data-testid': 'session-ended', 'data-session': state.sessionId },
    el('h2', { tabindex: '-1', 'data-focus': true, text: abandoned ? 'Session ended early' : 'Session complete' }),
    el('p', { text: done + ' of ' + steps + ' poses done' + (skipped ? ', ' + skipped + ' skipped' : '') + ' · about '
      + minutes + (minutes === 1 ? ' minute' : ' minutes') + '.' }),
    el('p', { class: 'note', text: 'Saved on this device; it is sent to your account as soon as there is a connection.' }),
    el('div', { class: 'actions' }, week, again));
  return [summary];
}
