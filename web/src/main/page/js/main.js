// The page's entry: configuration, sign-in, the device outbox, and which view the address asks for
// (#/week, #/intake, #/routines, #/routines/ID, #/practice).

import * as auth from './auth.js';
import * as catalogue from './catalogue.js';
import * as changes from './changes.js';
import * as config from './config.js';
import * as store from './device-store.js';
import * as figures from './figures.js';
import { $, notice, status } from './dom.js';
import { InvalidError, OfflineError } from './http.js';
import * as intake from './intake-view.js';
import * as outboxView from './outbox-view.js';
import * as player from './player-view.js';
import * as practice from './practice.js';
import * as routines from './routines-view.js';
import * as signIn from './signin-view.js';
import { register } from './sw-register.js';
import * as sync from './sync.js';
import { practiceAllowed } from './today-panel.js';
import * as voice from './voice.js';
import * as week from './week-view.js';

function hideAll() {
  week.hide();
  intake.hide();
  routines.hide();
  player.hide();
  signIn.hide();
}

/** Why the sign-in form is back, in words that say what to do. */
function expiredReason() {
  return 'Your sign-in has expired or is not valid. ' + (auth.hasProvider() ? 'Sign in again.'
    : 'Get a new token with ./run token YOUR-NAME and paste it here.')
    + ' Anything you recorded stays on this device and is sent once you are signed in.';
}

function handle(e) {
  if (e instanceof auth.AuthError) {
    hideAll();
    status('');
    signIn.show(expiredReason());
  } else if (e instanceof OfflineError) {
    status(e.message, { action: { label: 'Try again', run: route } });
  } else if (e instanceof InvalidError) {
    status(e.message, { error: true });
  } else {
    status((e && e.message ? e.message : 'Something went wrong.') + ' Try again in a moment.',
      { error: true, action: { label: 'Try again', run: route } });
  }
}

/** The poses under a POSE_PAIN alert now (fresh when online, else as last seen). */
async function alertPoses() {
  const trend = await figures.one('trend');
  return (trend ? trend.alerts : []).filter((a) => a.type === 'POSE_PAIN' && a.pose).map((a) => a.pose);
}

async function startRoutine(routine, poses, variants = {}) {
  if (document.body.dataset.practice === 'off') {
    status('Your answers to the safety questions say not to practise now: see your week.', { error: true });
    return;
  }
  player.begin(routine, poses, await alertPoses(), variants);
  location.hash = '#/practice';
}

/** Today's session: the routine version it names, each step on the variant it says. */
async function startToday(next) {
  const [routine, poses] = await Promise.all([catalogue.routineVersion(next.routine.id, next.routine.version), catalogue.poseLibrary()]);
  await startRoutine(routine, poses, Object.fromEntries(next.steps.map((s) => [s.step, s.variant])));
}

/** The safety screen's word on practice (fresh, else as last seen): no Start is offered while it says no. */
async function gatePractice() {
  const next = await figures.one('next').catch(() => null);
  document.body.dataset.practice = practiceAllowed(next) ? 'on' : 'off';
}

async function route() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [view, id] = hash.split('/');
  if (view !== 'practice' && player.active()) {
    // Left the player mid-session: it waits on the device, resumable from the banner.
    await showResumeBanner();
  }
  hideAll();
  document.body.dataset.view = view || 'week';
  document.querySelectorAll('nav.views a').forEach((a) => {
    if (a.dataset.view === (view === 'practice' ? 'routines' : view || 'week')) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  if (auth.token() && !auth.user()) {
    // Something that is not a token at all (a mangled link).
    signIn.show(expiredReason());
    return;
  }
  if (!auth.rememberedUser()) {
    signIn.show();
    return;
  }
  if (view === 'routines' || view === 'practice') await gatePractice();
  if (view === 'intake') {
    await intake.show();
  } else if (view === 'routines' && id) {
    await routines.showRoutine(decodeURIComponent(id), startRoutine);
  } else if (view === 'routines') {
    await routines.showList();
  } else if (view === 'practice') {
    if (player.active()) {
      player.show();
    } else if (!(await resumeKept())) {
      location.hash = '#/routines';
    }
  } else if (!auth.token()) {
    signIn.show('Sign in to see your week. You can practise without signing in: what you record is sent once you do.');
  } else {
    await week.show();
  }
}

/**
 * A session left unfinished on this device: within three hours of its last event it resumes,
 * later it is recorded abandoned at that event's time.
 * @returns whether the player now shows it
 */
async function resumeKept() {
  const user = auth.rememberedUser();
  const kept = user ? await store.practice(user) : null;
  if (!kept) return false;
  const decision = practice.resumeOrAbandon(kept.state, Date.now(), () => crypto.randomUUID());
  if (decision.resume) {
    player.resume(kept);
    $('resume-banner').hidden = true;
    return true;
  }
  await sync.record(user, decision.events, null);
  if (decision.events.length) {
    notice('Your unfinished session of ' + kept.routine.title + ' was more than three hours old, so it was saved as ended early.');
  }
  return false;
}

async function showResumeBanner() {
  const user = auth.rememberedUser();
  const kept = user ? await store.practice(user) : null;
  const banner = $('resume-banner');
  if (!kept || kept.state.phase === 'before') {
    banner.hidden = true;
    return;
  }
  banner.querySelector('span').textContent = 'Your session of ' + kept.routine.title + ' is waiting.';
  banner.hidden = false;
}

/**
 * Signing out on a shared device leaves nothing of the person on it: what they recorded is sent first; what cannot
 * be sent now (offline, or refused) is removed only if they say so, else they stay signed in. Then their figures,
 * their unfinished session and their outbox go, and the page starts afresh (nothing of theirs kept in memory).
 */
async function signOut() {
  const user = auth.rememberedUser();
  if (user) {
    if (auth.token()) await sync.sendNow().catch(() => {});
    const left = (await store.entries(user).catch(() => [])).length + ((await store.answers(user).catch(() => null)) ? 1 : 0);
    if (left > 0 && !(await confirmRemoval(left))) return;
    await store.forgetPerson(user).catch(() => {});
    voice.forget(user);
    await week.forgetDevice().catch(() => {});
  }
  if (!auth.signOut()) {
    location.replace(location.pathname + '#/week');
    location.reload();
  }
}

/** Asks whether what could not be sent may be removed from the device; true when the person says so. */
function confirmRemoval(left) {
  const dialog = $('signout-dialog');
  $('signout-text').textContent = (left === 1 ? 'One thing' : left + ' things') + ' you recorded on this device '
    + (left === 1 ? 'has' : 'have') + ' not reached Sukha' + (navigator.onLine ? '.' : ' (there is no connection).')
    + ' Signing out removes ' + (left === 1 ? 'it' : 'them') + ' from this device for good. Stay signed in to send '
    + (left === 1 ? 'it' : 'them') + ' later.';
  return new Promise((resolve) => {
    const answer = (value) => () => {
      dialog.close();
      resolve(value);
    };
    $('signout-discard').onclick = answer(true);
    $('signout-stay').onclick = answer(false);
    dialog.oncancel = answer(false);
    dialog.showModal();
    $('signout-stay').focus();
  });
}

async function boot() {
  const c = await config.load();
  try {
    await auth.init(c);
  } catch (e) {
    signIn.show('Signing in did not finish. Try again.');
  }
  register(c.version, () => player.active());
  signIn.init(() => route());
  week.init(handle, (next) => startToday(next).catch(handle));
  intake.init(() => week.refresh(['next', 'streak', 'week']), handle);
  routines.init(handle);
  player.init(() => { location.hash = '#/routines'; });
  outboxView.init();
  sync.start();
  window.addEventListener('online', () => intake.sendPending());
  // Told when figures change (after a session syncs, a pause, on another device): only those are read again.
  changes.listen((changed) => week.refresh(changed));
  $('signout').addEventListener('click', signOut);
  $('resume-banner').querySelector('button').addEventListener('click', () => { location.hash = '#/practice'; });
  auth.onChange((user) => { $('signout').hidden = !user; });
  $('signout').hidden = !auth.token();
  window.addEventListener('hashchange', route);

  const user = auth.rememberedUser();
  const kept = user ? await store.practice(user).catch(() => null) : null;
  if (kept && (location.hash === '' || location.hash === '#/' || location.hash === '#/week')) {
    // A session cut short: the next visit takes the person back to it (or records it abandoned).
    if (await resumeKept()) {
      history.replaceState(null, '', '#/practice');
      document.body.dataset.view = 'practice';
      return;
    }
  }
  await showResumeBanner();
  intake.sendPending();
  await route();
  warmCatalogue();
}

/**
 * The routines and the pose library are read once the service worker controls the page (on a first
 * visit it takes control a moment after the page loads), so that it keeps them for offline use.
 */
function warmCatalogue() {
  if (!('serviceWorker' in navigator)) return;
  const warm = () => { if (auth.token()) Promise.all([catalogue.routines(), catalogue.poseLibrary(true)]).catch(() => {}); };
  if (navigator.serviceWorker.controller) warm();
  else navigator.serviceWorker.addEventListener('controllerchange', warm, { once: true });
}

boot();
