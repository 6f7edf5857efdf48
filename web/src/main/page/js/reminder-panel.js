// Reminders, part of the week view: the days and local time a person chose, and this device's push subscription,
// kept by insights-service, which pushes at that time in the person's zone unless they practised or paused that day.
// The browser asks for permission only when the person turns reminders on. Without a service worker or push (a
// private window, an old browser) the card says so and nothing else changes.

import { $, status } from './dom.js';
import { api, InvalidError, OfflineError } from './http.js';
import { zone } from './time.js';

const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
const OFF_TEXT = 'Off. Choose days and a time: this device reminds you then, not on a day you practised or paused.';

let onError = () => {};
let kept = null;
/** Raised by every change here: a read that started before one answers what was, and is dropped. */
let changes = 0;

export function init(handleError) {
  onError = handleError;
  $('reminder-form').addEventListener('submit', submit);
  $('reminder-off').addEventListener('click', turnOff);
}

/** Reads the reminder kept; offline, the card keeps what it showed. */
export async function show() {
  const asOf = changes;
  let read;
  try {
    read = await api('/v1/me/reminder');
  } catch (e) {
    if (!(e instanceof OfflineError)) onError(e);
    return;
  }
  if (asOf !== changes) return;
  kept = read;
  await render();
}

async function render() {
  const r = kept && kept.reminder;
  const here = await deviceSubscription().catch(() => null);
  const form = $('reminder-form');
  if (r) {
    DAYS.forEach((d) => { form.elements['day-' + d].checked = r.days.includes(d); });
    $('reminder-time').value = r.time;
  }
  $('reminder-off').hidden = !r;
  $('reminder-submit').textContent = r ? 'Save reminder' : 'Remind me';
  const card = $('reminder-card');
  card.dataset.on = String(!!r);
  card.dataset.loaded = 'true';
  if (!r) {
    $('reminder-state').textContent = OFF_TEXT;
    return;
  }
  const days = r.days.length === 7 ? 'every day' : r.days.map((d) => d[0] + d.slice(1).toLowerCase()).join(', ');
  const next = kept.next ? ' Next: ' + new Date(kept.next).toLocaleString([], { weekday: 'long', hour: '2-digit', minute: '2-digit' }) + '.' : '';
  const elsewhere = here && here.endpoint === r.subscription.endpoint ? '' : ' They go to another device; save here to have them on this one.';
  $('reminder-state').textContent = 'On: ' + days + ' at ' + r.time + ' (' + r.zone + ').' + next + elsewhere;
}

/** The page's service worker registration, when there is one that can take pushes. */
async function registration() {
  const reg = 'serviceWorker' in navigator ? await navigator.serviceWorker.getRegistration('/') : null;
  return reg && reg.pushManager ? reg : null;
}

/** The push subscription of this device, if it has one. */
async function deviceSubscription() {
  const reg = await registration();
  return reg ? reg.pushManager.getSubscription() : null;
}

class CannotRemind extends Error {}

async function subscribe(publicKey) {
  const reg = await registration();
  if (!reg || !('Notification' in window)) {
    throw new CannotRemind('This browser cannot show reminders here (a private window, or no notifications).');
  }
  if ((await Notification.requestPermission()) !== 'granted') {
    throw new CannotRemind('Notifications are blocked for this page: allow them in the browser\'s site settings, then try again.');
  }
  const key = Uint8Array.from(atob(publicKey.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  const existing = await reg.pushManager.getSubscription();
  if (existing) {
    const same = existing.options && existing.options.applicationServerKey
      && new Uint8Array(existing.options.applicationServerKey).every((b, i) => b === key[i]);
    if (same) return existing;
    await existing.unsubscribe(); // made for another server key: it cannot carry ours
  }
  return reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
}

async function submit(ev) {
  ev.preventDefault();
  const error = $('reminder-error');
  error.textContent = '';
  const form = $('reminder-form');
  const days = DAYS.filter((d) => form.elements['day-' + d].checked);
  if (!days.length) { error.textContent = 'Choose at least one day.'; return; }
  $('reminder-submit').disabled = true;
  changes++;
  try {
    if (!kept) kept = await api('/v1/me/reminder');
    const sub = await subscribe(kept.publicKey);
    kept = await api('/v1/me/reminder', 'PUT', { days, time: $('reminder-time').value, zone: zone(), subscription: sub.toJSON() });
    await render();
    status('Reminders on.');
  } catch (e) {
    if (e instanceof CannotRemind) {
      error.textContent = e.message;
    } else if (e instanceof InvalidError) {
      error.textContent = e.errors.map((x) => x.field + ': ' + x.message).join('. ') || e.message;
    } else if (e instanceof OfflineError) {
      error.textContent = 'No connection: reminders can be set once you are back online.';
    } else {
      onError(e);
    }
  } finally {
    $('reminder-submit').disabled = false;
  }
}

async function turnOff() {
  $('reminder-off').disabled = true;
  changes++;
  try {
    await api('/v1/me/reminder', 'DELETE');
    const sub = await deviceSubscription().catch(() => null);
    if (sub) await sub.unsubscribe().catch(() => {});
    kept = { ...kept, reminder: null, next: null };
    await render();
    status('Reminders off.');
    $('reminder-submit').focus();
  } catch (e) {
    if (e instanceof OfflineError) $('reminder-error').textContent = 'No connection: try again once you are back online.';
    else onError(e);
  } finally {
    $('reminder-off').disabled = false;
  }
}

/**
 * On sign-out: this device stops taking reminders (another person may use it next). The reminder kept for the person
 * is dropped too when it was this device's; one on another device stays.
 */
export async function forgetDevice() {
  const sub = await deviceSubscription().catch(() => null);
  if (!sub) return;
  if (kept && kept.reminder && kept.reminder.subscription.endpoint === sub.endpoint) {
    await api('/v1/me/reminder', 'DELETE').catch(() => {});
  }
  await sub.unsubscribe().catch(() => {});
  kept = null;
}
