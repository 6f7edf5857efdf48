// The pause form and the pauses on now or ahead, each with its End or Cancel: part of the week view, which
// is drawn again (told through {@code changed}) after a pause is kept or ended.

import { $, el, fmt, shift, status } from './dom.js';
import { api, InvalidError } from './http.js';

let changed = async () => {};
let onError = () => {};

export function init(afterChange, handleError) {
  changed = afterChange;
  onError = handleError;
  $('pause-form').addEventListener('submit', submit);
}

const REASONS = { flare: 'a flare', illness: 'illness', travel: 'travel', other: 'a pause' };

export function render(pauses, today) {
  const list = $('pauses');
  list.replaceChildren();
  // What is on now or ahead; pauses that are over live on in the week view.
  pauses.filter((p) => p.to >= today).forEach((p) => {
    const when = fmt(p.from, { day: 'numeric', month: 'long' }) + ' – ' + fmt(p.to, { day: 'numeric', month: 'long' });
    const now = p.from <= today;
    const end = el('button', { type: 'button', class: 'link', 'data-testid': 'end-pause', text: now ? 'End pause' : 'Cancel',
      'aria-label': (now ? 'End the pause ' : 'Cancel the pause ') + when });
    end.addEventListener('click', async () => {
      end.disabled = true;
      try { await api('/v1/me/pauses/' + encodeURIComponent(p.id), 'DELETE'); await changed(); $('pause-from').focus(); } catch (e) { end.disabled = false; onError(e); }
    });
    list.append(el('li', { 'data-pause': p.id }, el('span', { text: (now ? 'Paused for ' : 'Pause planned for ') + (REASONS[p.reason] || 'a pause') + ': ' + when + ' ' }), end));
  });
  if (!$('pause-from').value) {
    $('pause-from').value = today;
    $('pause-to').value = shift(today, 2).toISOString().slice(0, 10);
  }
}

async function submit(ev) {
  ev.preventDefault();
  const error = $('pause-error');
  error.textContent = '';
  $('pause-submit').disabled = true;
  try {
    await api('/v1/me/pauses', 'POST', { from: $('pause-from').value, to: $('pause-to').value, reason: $('pause-reason').value });
    $('pause-from').value = '';
    await changed();
    status('Paused. Rest well: your streak is kept.');
  } catch (e) {
    if (e instanceof InvalidError) {
      const words = { from: 'From', to: 'To', reason: 'Why' };
      error.textContent = e.errors.map((x) => (words[x.field] ? words[x.field] + ' ' : '') + x.message).join('. ') || e.message;
    } else {
      onError(e);
    }
  } finally {
    $('pause-submit').disabled = false;
  }
}
