// What waits on the device: a line saying how sending stands (all sent, waiting for a connection,
// sign in to send), and every event the service refused, with its reason, kept until the person
// sends it again or removes it. Nothing leaves the device in silence.

import * as auth from './auth.js';
import * as store from './device-store.js';
import { $, el } from './dom.js';
import * as sync from './sync.js';

const TYPES = {
  SESSION_STARTED: 'Session started', POSE_STARTED: 'Pose started', POSE_COMPLETED: 'Pose done',
  POSE_SKIPPED: 'Pose skipped', SESSION_COMPLETED: 'Session completed', SESSION_ABANDONED: 'Session ended early',
};

export function init() {
  sync.subscribe(render);
}

async function render(s) {
  const line = $('sync-status');
  line.dataset.phase = s.phase;
  line.dataset.pending = String(s.pending);
  line.dataset.setAside = String(s.setAside);
  if (s.last) {
    line.dataset.accepted = String(s.last.accepted);
    line.dataset.duplicate = String(s.last.duplicate);
  }
  const waiting = s.pending + (s.pending === 1 ? ' event' : ' events');
  let text = '';
  if (s.phase === 'sign-in' && s.pending) text = waiting + ' recorded on this device: sign in to send them.';
  else if (s.phase === 'offline' || (s.pending && !navigator.onLine)) text = 'Offline: ' + waiting + ' kept on this device, sent when the connection returns.';
  else if (s.phase === 'waiting') text = waiting + ' waiting: the service is busy' + (s.problem ? ' (' + s.problem + ')' : '') + '; trying again shortly.';
  else if (s.pending) text = 'Sending ' + waiting + '…';
  else if (s.last) text = 'All your practice is saved.';
  if (s.others) text += (text ? ' ' : '') + s.others + ' events recorded here for another account wait for it to sign in.';
  line.textContent = text;
  line.hidden = !text;
  await renderRefused(s.setAside);
}

async function renderRefused(count) {
  const box = $('refused');
  if (!count) {
    box.hidden = true;
    box.querySelector('ul').replaceChildren();
    return;
  }
  const user = auth.rememberedUser();
  const refused = (await store.entries(user)).filter((e) => e.state === 'set-aside');
  box.querySelector('h2').textContent = refused.length === 1 ? 'One event was not accepted' : refused.length + ' events were not accepted';
  box.querySelector('ul').replaceChildren(...refused.map((e) => {
    const when = new Date(e.event.occurredAt).toLocaleString();
    const again = el('button', { type: 'button', class: 'secondary', text: 'Send again' });
    again.addEventListener('click', () => sync.restore(e.seq));
    const remove = el('button', { type: 'button', class: 'link', text: 'Remove from this device' });
    remove.addEventListener('click', () => sync.discard(e.seq));
    return el('li', { 'data-event': e.event.eventId, 'data-testid': 'refused-event' },
      el('p', {}, el('strong', { text: (TYPES[e.event.type] || e.event.type) + ', ' + when + ': ' }), e.message),
      el('p', { class: 'actions' }, again, remove));
  }));
  box.hidden = false;
}
