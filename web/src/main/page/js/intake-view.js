// The intake (#/intake): the questions before the first practice, and whenever the person wants to change their
// answers. Answers are kept on the device first and sent to insights-service (PUT /v1/me/intake); offline they wait
// there and go when the connection returns, like everything the page records. What the safety questions lead to is
// said at once: urgent care (no practice), a clinician first, or practice.

import * as auth from './auth.js';
import * as store from './device-store.js';
import { $, el, status } from './dom.js';
import { api, InvalidError, OfflineError } from './http.js';
import * as questions from './intake-form.js';
import { zone } from './time.js';

let saved = async () => {};
let onError = () => {};

/** {@code afterSaved(intake)}: the service has the answers. */
export function init(afterSaved, handleError) {
  saved = afterSaved;
  onError = handleError;
  const form = $('intake-form');
  questions.build(form);
  form.addEventListener('submit', submit);
}

export async function show() {
  const form = $('intake-form');
  $('intake-outcome').replaceChildren();
  const user = auth.user();
  const waiting = user ? await store.answers(user).catch(() => null) : null;
  let answers = waiting ? waiting.answers : null;
  if (!answers) {
    try {
      answers = await api('/v1/me/intake');
    } catch (e) {
      answers = null; // none yet (404), or offline: the form starts empty
    }
  }
  questions.fill(form, answers);
  $('intake').hidden = false;
  status(waiting ? 'Your answers are kept on this device and will be sent when you are back online.' : '');
  document.body.dataset.loaded = 'true';
  $('intake-title').focus();
}

export function hide() {
  $('intake').hidden = true;
}

/** Sends answers kept on the device (after a sign-in, or when the connection returns); quiet when offline. */
export async function sendPending() {
  const user = auth.user();
  const waiting = user && auth.token() ? await store.answers(user).catch(() => null) : null;
  if (!waiting) return null;
  try {
    const kept = await api('/v1/me/intake?zone=' + encodeURIComponent(zone()), 'PUT', waiting.answers);
    await store.saveAnswers(user, null);
    await saved(kept);
    return kept;
  } catch (e) {
    if (e instanceof InvalidError) await store.saveAnswers(user, null); // refused as sent: the form shows why next time
    return null;
  }
}

async function submit(ev) {
  ev.preventDefault();
  const form = $('intake-form');
  const error = $('intake-error');
  error.textContent = '';
  const { body, missing } = questions.read(form);
  if (missing.length) {
    error.textContent = 'Please answer: ' + missing.join(', ') + '.';
    return;
  }
  const user = auth.rememberedUser();
  await store.saveAnswers(user, body);
  const button = form.querySelector('button[type=submit]');
  button.disabled = true;
  try {
    const kept = await api('/v1/me/intake?zone=' + encodeURIComponent(zone()), 'PUT', body);
    await store.saveAnswers(user, null);
    outcome(kept);
    await saved(kept);
  } catch (e) {
    if (e instanceof OfflineError) {
      status('Your answers are kept on this device and will be sent when you are back online.');
    } else if (e instanceof InvalidError) {
      error.textContent = e.errors.map((x) => x.field + ': ' + x.message).join('. ') || e.message;
    } else {
      onError(e);
    }
  } finally {
    button.disabled = false;
  }
}

/** What the safety questions lead to, said where the person is looking. */
function outcome(kept) {
  const box = $('intake-outcome');
  const s = kept.safety;
  if (s.status === 'URGENT_CARE') {
    box.replaceChildren(el('p', { class: 'urgent', role: 'alert', 'data-testid': 'intake-urgent',
      text: 'Please seek urgent care now: call your emergency number or go to an emergency department. Sukha will not offer practice until you answer the questions again.' }),
    el('p', { class: 'note', text: 'This is advice, not a diagnosis.' }));
  } else if (s.status === 'SEE_CLINICIAN') {
    box.replaceChildren(el('p', { class: 'caution', 'data-testid': 'intake-clinician',
      text: 'Please see a doctor or physiotherapist before exercising. When they have cleared you, record it on your week.' }),
    el('p', {}, el('a', { href: '#/week', text: 'Go to your week' })));
  } else {
    status('Thank you: your answers are saved.');
    location.hash = '#/week';
  }
}
