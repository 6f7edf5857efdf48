// Today's session, at the head of the week view: the routine the programme suggests and why, Start in one tap; or,
// when the safety screen says not to practise, what to do instead (and, for a clinician's clearance, where to
// record it). Drawn from the `next` figure (offline: the last one seen).

import * as catalogue from './catalogue.js';
import { $, el, status } from './dom.js';
import { api, InvalidError } from './http.js';
import { zone } from './time.js';

let startSession = () => {};
let changed = async () => {};
let onError = () => {};

export function init(onStart, afterChange, handleError) {
  startSession = onStart;
  changed = afterChange;
  onError = handleError;
}

/** Whether the safety screen lets the person practise (unknown, e.g. never read: yes, as before the intake). */
export function practiceAllowed(next) {
  return !next || (next.status !== 'URGENT_CARE' && next.status !== 'SEE_CLINICIAN');
}

export function render(next) {
  const card = $('today-card');
  const body = $('today-body');
  document.body.dataset.practice = practiceAllowed(next) ? 'on' : 'off';
  if (!next) {
    card.hidden = true;
    return;
  }
  card.hidden = false;
  card.dataset.status = next.status;
  const reasons = el('ul', { class: 'reasons', 'data-testid': 'today-reasons' }, ...next.reasons.map((r) => el('li', { text: r })));
  if (next.status === 'NO_INTAKE') {
    body.replaceChildren(el('p', { text: 'A few questions first, so that Sukha can suggest what suits you and check it is safe to start.' }),
      el('p', {}, el('a', { class: 'button primary', href: '#/intake', 'data-testid': 'take-intake', text: 'Answer the questions' })));
  } else if (next.status === 'URGENT_CARE') {
    body.replaceChildren(el('p', { class: 'urgent', role: 'alert', 'data-testid': 'urgent-care',
      text: 'Please seek urgent care now: call your emergency number or go to an emergency department. Do not practise today.' }),
    reasons, advice(), el('p', {}, el('a', { href: '#/intake', text: 'Take the questions again' })));
  } else if (next.status === 'SEE_CLINICIAN') {
    body.replaceChildren(el('p', { class: 'caution', 'data-testid': 'see-clinician',
      text: 'Please see a doctor or physiotherapist before exercising. Practice opens once you record that they cleared you.' }),
    reasons, clearanceForm(), advice());
  } else if (!next.routine) {
    body.replaceChildren(reasons, el('p', {}, el('a', { class: 'button', href: '#/routines', text: 'Choose a routine' })), programmeControls(next));
  } else {
    const start = el('button', { type: 'button', class: 'primary start-practice', 'data-testid': 'start-today',
      text: 'Start ' + next.routine.title });
    start.addEventListener('click', () => startSession(next));
    // Read now, so that the service worker keeps it: today's session then starts offline too.
    catalogue.routineVersion(next.routine.id, next.routine.version).catch(() => {});
    body.replaceChildren(
      el('p', { class: 'today-routine' }, el('strong', { 'data-testid': 'today-routine', text: next.routine.title }),
        ' · ' + next.routine.minutes + ' min'),
      next.programme ? el('p', { class: 'meta', 'data-testid': 'today-stage', text: next.programme.title + ' · stage ' + next.programme.stage
        + ' of ' + next.programme.stages + ' (' + next.programme.stageTitle + ') · ' + next.programme.sessionsAtStage
        + (next.programme.sessionsAtStage === 1 ? ' session' : ' sessions') + ' done at this stage' }) : null,
      reasons, el('p', {}, start), programmeControls(next));
  }
}

function advice() {
  return el('p', { class: 'note', text: 'This is advice, not a diagnosis.' });
}

/** Leave the programme, switch to another, or take the questions again. */
function programmeControls(next) {
  const box = el('p', { class: 'today-controls' }, el('a', { href: '#/intake', text: 'Change your answers' }));
  switchControl(box, next.programme ? next.programme.id : null);
  if (next.programme) {
    const leave = el('button', { type: 'button', class: 'link', 'data-testid': 'leave-programme', text: 'Leave the programme' });
    leave.addEventListener('click', async () => {
      leave.disabled = true;
      try { await api('/v1/me/programme', 'DELETE'); await changed(); status('You left the programme: every routine is yours to choose.'); } catch (e) { leave.disabled = false; onError(e); }
    });
    box.append(' · ', leave);
  }
  return box;
}

/** The catalogue's other programmes, to follow instead (from today). */
function switchControl(box, following) {
  const choice = el('select', { id: 'switch-programme', 'data-testid': 'switch-programme' });
  const go = el('button', { type: 'button', class: 'secondary', text: following ? 'Switch' : 'Follow' });
  const wrap = el('span', { class: 'switch', hidden: true }, ' · ', el('label', { for: 'switch-programme', text: following ? 'Switch to ' : 'Follow ' }),
    choice, ' ', go);
  box.append(wrap);
  catalogue.programmes().then((all) => {
    const others = all.filter((p) => p.id !== following);
    if (!others.length) return;
    choice.replaceChildren(...others.map((p) => el('option', { value: p.id, text: p.title })));
    wrap.hidden = false;
  }).catch(() => {});
  go.addEventListener('click', async () => {
    go.disabled = true;
    try { await api('/v1/me/programme?zone=' + encodeURIComponent(zone()), 'PUT', { programmeId: choice.value }); await changed(); } catch (e) { go.disabled = false; onError(e); }
  });
}

function clearanceForm() {
  const input = el('input', { type: 'date', id: 'cleared-on', required: '', 'aria-describedby': 'cleared-error' });
  input.value = new Date().toISOString().slice(0, 10);
  const error = el('p', { id: 'cleared-error', class: 'error-text', role: 'alert' });
  const form = el('form', { class: 'clearance', novalidate: '' },
    el('label', { for: 'cleared-on', text: 'A clinician cleared me to exercise on ' }), input, ' ',
    el('button', { type: 'submit', text: 'Record it' }), error);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.textContent = '';
    try {
      await api('/v1/me/intake/clearance?zone=' + encodeURIComponent(zone()), 'POST',
        { clearedOn: input.value });
      await changed();
    } catch (e) {
      if (e instanceof InvalidError) error.textContent = e.errors.map((x) => x.message).join('. ') || e.message;
      else onError(e);
    }
  });
  return form;
}
