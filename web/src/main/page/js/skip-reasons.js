// Skipping a pose on the player: the Skip button opens the reasons (optional), and "Skip this pose" records it.

import { el } from './dom.js';

const REASONS = { pain: 'It hurt', too_hard: 'Too hard today', no_time: 'No time', other: 'Something else' };

/** The Skip button and its reasons; {@code onSkip} gets the reason chosen, or null. */
export function controls(onSkip) {
  const button = el('button', { type: 'button', class: 'secondary', 'data-testid': 'skip', 'aria-expanded': 'false',
    'aria-controls': 'skip-reasons', text: 'Skip' });
  const reasons = el('fieldset', { class: 'skip-reasons', id: 'skip-reasons', hidden: true },
    el('legend', { text: 'Why skip it?' }),
    ...Object.entries(REASONS).map(([v, t]) => el('span', { class: 'reason' },
      el('input', { type: 'radio', name: 'skip-reason', id: 'skip-' + v, value: v }), el('label', { for: 'skip-' + v, text: t }))),
    el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'primary', 'data-testid': 'confirm-skip', text: 'Skip this pose' })));
  reasons.querySelector('[data-testid=confirm-skip]').addEventListener('click', () => {
    const chosen = reasons.querySelector('input[name=skip-reason]:checked');
    onSkip(chosen ? chosen.value : null);
  });
  button.addEventListener('click', () => {
    reasons.hidden = !reasons.hidden;
    button.setAttribute('aria-expanded', String(!reasons.hidden));
    if (!reasons.hidden) reasons.querySelector('input').focus();
  });
  return { button, reasons };
}
