// The week: streak, this ISO week's days, the pause form, pain before and after over eight weeks,
// how poses felt, what helps, and any safety alert. Read from insights-service; the last figures
// seen are kept on the device, so offline the page shows them with their age.

import * as auth from './auth.js';
import { painChart } from './chart.js';
import * as store from './device-store.js';
import { $, el, fmt, isoWeek, num, parseDate, shift, status } from './dom.js';
import { api, InvalidError, OfflineError } from './http.js';

/** How many poses "How poses felt" shows before "Show all". */
const FEEL_SHOWN = 5;
const state = { week: null, thisWeek: null, shown: null, showAllPoses: false, figures: null, visible: false, user: null };
let onError = () => {};

/** Each figure the week shows: where it is read (for the week being looked at). */
const READS = {
  streak: () => '/v1/me/streak',
  week: () => '/v1/me/progress/weekly' + (state.week ? '?week=' + encodeURIComponent(state.week) : ''),
  trend: () => '/v1/me/pain-trend?weeks=8',
  relief: () => '/v1/me/routines/relief',
  pauses: () => '/v1/me/pauses',
  feel: () => '/v1/me/poses/discomfort?weeks=8',
  asymmetry: () => '/v1/me/asymmetry?weeks=8',
};

/** The stream's names of figures, as the week's reads. */
const FROM_STREAM = { streak: ['streak'], week: ['week'], trend: ['trend'], relief: ['relief'], pauses: ['pauses'],
  discomfort: ['feel'], asymmetry: ['asymmetry'] };

/**
 * The figures of the week being looked at, from the service (or the device's copy, offline); only
 * {@code which} are read again, the others kept from the last read. Every read is conditional (the
 * browser sends the ETag it holds): an unchanged figure costs a 304.
 */
async function figures(which = Object.keys(READS)) {
  if (state.user !== auth.user()) {
    // Someone else signed in on this tab: nothing of the one before is kept to fill in their figures.
    state.figures = null;
    state.user = auth.user();
    which = Object.keys(READS);
  }
  const read = await Promise.all(which.map((k) => api(READS[k]())));
  const f = { ...(state.figures || {}) };
  which.forEach((k, i) => { f[k] = read[i]; });
  return f;
}

/** The figures the routines view and the player use too: the relief ranking and the alerts. */
export async function latest() {
  const user = auth.rememberedUser();
  const kept = user ? await store.figures(user).catch(() => null) : null;
  return kept ? kept.figures : null;
}

export function init(handleError) {
  onError = handleError;
  $('pause-form').addEventListener('submit', submitPause);
  $('prev').addEventListener('click', () => { state.week = isoWeek(shift(state.shown.start, -7)); show(); });
  $('next').addEventListener('click', () => { state.week = isoWeek(shift(state.shown.start, 7)); show(); });
  $('today').addEventListener('click', () => { state.week = null; show(); });
  $('feel-more').addEventListener('click', () => {
    state.showAllPoses = !state.showAllPoses;
    renderFeelLimit();
  });
}

export async function show() {
  document.body.dataset.loaded = 'false';
  status('Loading your week…');
  let f;
  let asOf = null;
  try {
    f = await figures();
    state.figures = f;
    if (!state.week) await store.saveFigures(auth.user(), f).catch(() => {});
  } catch (e) {
    const kept = e instanceof OfflineError && !state.week ? await store.figures(auth.rememberedUser()).catch(() => null) : null;
    if (!kept) { onError(e); return; }
    f = kept.figures;
    asOf = kept.at;
  }
  render(f);
  $('week-nav').hidden = false;
  $('week').hidden = false;
  state.visible = true;
  status(asOf ? 'Offline: your figures as of ' + new Date(asOf).toLocaleString() + '. What you practise now is kept and sent later.' : '');
  document.body.dataset.loaded = 'true';
}

export function hide() {
  $('week').hidden = true;
  $('week-nav').hidden = true;
  state.visible = false;
}

/**
 * Figures changed (names from the stream of changes; null: perhaps any, when polling): while the week
 * is on the screen, those are read again and shown; otherwise the next visit reads them.
 */
export async function refresh(changed) {
  if (!state.visible || !state.figures) return;
  const which = changed === null ? Object.keys(READS) : [...new Set(changed.flatMap((c) => FROM_STREAM[c] || []))];
  if (!which.length) return;
  try {
    const f = await figures(which);
    state.figures = f;
    if (!state.week) await store.saveFigures(auth.user(), f).catch(() => {});
    render(f);
    document.body.dataset.refreshed = which.join(',');
  } catch (e) {
    // Offline or signed out: the stream will say when to try again.
  }
}

function render(f) {
  state.thisWeek = isoWeek(parseDate(f.streak.today));
  renderAlerts(f.trend.alerts);
  renderStreak(f.streak);
  renderWeek(f.week, f.streak.today);
  painChart($('chart'), $('pain-table'), f.trend.weeks);
  renderDirection(f.trend);
  renderRelief(f.relief);
  renderFeel(f.feel, f.asymmetry);
  renderPauses(f.pauses, f.streak.today);
  $('next').disabled = f.week.week >= state.thisWeek;
  $('today').hidden = f.week.week === state.thisWeek;
  state.shown = f.week;
}

function renderAlerts(alerts) {
  const box = $('alerts');
  box.replaceChildren();
  alerts.forEach((a) => {
    const title = a.type === 'POSE_PAIN' ? 'A pose keeps hurting' : 'Your pain is getting worse';
    const alert = el('div', { class: 'alert', role: 'alert', 'data-testid': 'alert', 'data-type': a.type },
      el('h2', { text: title }),
      el('p', { text: a.reason }),
      el('p', { text: a.advice }),
      el('p', { class: 'note', text: 'Since ' + fmt(a.since, { day: 'numeric', month: 'long' }) }));
    if (a.type === 'PAIN_WORSENING') {
      // Rest is part of the advice: offer the pause right here.
      const offer = el('button', { type: 'button', class: 'secondary', 'data-testid': 'alert-pause', text: 'Pause for a flare' });
      offer.addEventListener('click', () => { $('pause-reason').value = 'flare'; $('pause-from').focus(); });
      alert.append(el('p', {}, 'Resting is fine: your streak waits while you pause. ', offer));
    }
    box.append(alert);
  });
}

function renderStreak(s) {
  $('streak-current').textContent = s.current;
  $('streak-longest').textContent = s.longest;
  $('goal-streak').textContent = s.goalStreak;
  $('streak-note').textContent = s.pausedToday
    ? 'Paused today: rest well, your streak is kept.'
    : s.current === 0
      ? (s.lastPracticeDay ? 'Last practice ' + fmt(s.lastPracticeDay, { weekday: 'long', day: 'numeric', month: 'long' })
        + '. A short routine today starts a new streak.' : 'Your first practice starts your streak.')
      : s.practicedToday ? 'You practised today. Well done.' : 'Practise today to keep it going.';
  $('streak-note').dataset.paused = String(!!s.pausedToday);
}

function renderWeek(w, today) {
  $('week-title').textContent = w.week === state.thisWeek ? 'This week' : 'Week of ' + fmt(w.start, { day: 'numeric', month: 'long' });
  $('week-label').textContent = fmt(w.start, { day: 'numeric', month: 'short' }) + ' – '
    + fmt(w.end, { day: 'numeric', month: 'short', year: 'numeric' });
  const days = $('days');
  days.replaceChildren();
  for (let i = 0; i < 7; i++) {
    const date = shift(w.start, i).toISOString().slice(0, 10);
    const done = w.daysPracticed.includes(date);
    const paused = (w.pausedDays || []).includes(date);
    const label = fmt(date, { weekday: 'long', day: 'numeric', month: 'long' }) + (done ? ': practised' : paused ? ': paused' : ': no practice');
    days.append(el('li', {
      class: 'day' + (done ? ' done' : '') + (paused ? ' paused' : '') + (date === today ? ' today' : '') + (date > today ? ' future' : ''),
      'data-date': date, 'data-practised': String(done), 'data-paused': String(paused), 'aria-label': label },
    el('span', { text: fmt(date, { weekday: 'short' }), 'aria-hidden': 'true' }),
    el('span', { class: 'dot', text: done ? '✓' : paused ? '‖' : String(parseDate(date).getUTCDate()), 'aria-hidden': 'true' })));
  }
  const goal = $('goal');
  const pausedNote = w.pausedDays && w.pausedDays.length ? ' (' + w.pausedDays.length + ' paused)' : '';
  goal.textContent = w.goalDays === 0
    ? 'Paused all week: your goal waits.'
    : w.daysPracticed.length + ' of ' + w.goalDays + ' days of your weekly goal' + pausedNote + (w.goalMet ? ' · goal met' : '');
  goal.classList.toggle('met', w.goalMet);
  $('minutes').textContent = w.minutes;
  $('poses').textContent = w.posesCompleted;
  $('sessions').textContent = w.sessions.completed + (w.sessions.abandoned ? ' + ' + w.sessions.abandoned + ' stopped early' : '');
  const pain = w.pain || {};
  $('week-relief').textContent = pain.sessions
    ? 'Pain ' + num(pain.avgBefore) + ' before, ' + num(pain.avgAfter) + ' after practice on average ('
      + pain.sessions + (pain.sessions === 1 ? ' session' : ' sessions') + ' rated).'
    : '';
}

function renderDirection(t) {
  const words = { improving: 'Improving', worsening: 'Getting worse', stable: 'Stable', unknown: 'Not enough ratings yet' };
  const d = $('direction');
  d.className = 'direction ' + t.direction;
  d.textContent = words[t.direction] + (t.slopePerWeek === null ? ''
    : ' · ' + (t.slopePerWeek > 0 ? '+' : '') + t.slopePerWeek.toFixed(2) + ' points a week before practice');
}

function renderRelief(entries) {
  const list = $('relief');
  list.replaceChildren();
  const rated = entries.filter((e) => e.sessions > 0);
  if (rated.length === 0) {
    list.append(el('li', { class: 'empty', text: 'Rate your pain before and after a session to see which routines help you.' }));
    return;
  }
  const max = Math.max(3, ...rated.map((e) => Math.abs(e.avgRelief)));
  rated.forEach((e, i) => {
    const bar = el('div', { class: 'bar' + (e.avgRelief < 0 ? ' negative' : ''), 'aria-hidden': 'true' }, el('i', {}));
    bar.firstChild.style.width = Math.round(100 * Math.abs(e.avgRelief) / max) + '%';
    const name = el('span', { class: 'name', text: e.title || e.routineId });
    if (i === 0 && e.avgRelief > 0) name.append(el('span', { class: 'badge', text: 'helps most' }));
    const change = e.avgRelief >= 0 ? num(e.avgRelief) + ' points less pain' : num(-e.avgRelief) + ' points more pain';
    list.append(el('li', { 'data-routine': e.routineId }, name, bar,
      el('span', { class: 'figure', text: change + ' · ' + Math.round(e.meaningfulShare * 100) + '% real relief · '
        + e.sessions + (e.sessions === 1 ? ' session' : ' sessions') })));
  });
}

/** One side's (or the pose's) mean as a bar out of 10, with its figure. */
function feelBar(label, side) {
  const bar = el('div', { class: 'bar', 'aria-hidden': 'true' }, el('i', {}));
  bar.firstChild.style.width = Math.round(10 * (side.avgDiscomfort || 0)) + '%';
  if (side.avgDiscomfort >= 7) bar.classList.add('negative');
  const figure = side.ratings === 0 ? 'not rated'
    : num(side.avgDiscomfort) + ' / 10 · ' + side.ratings + (side.ratings === 1 ? ' rating' : ' ratings');
  return el('div', { class: 'side' }, el('span', { class: 'label', text: label }), bar, el('span', { class: 'figure', text: figure }));
}

function renderFeel(poses, asymmetry) {
  const list = $('feel');
  list.replaceChildren();
  const lopsided = asymmetry.map((a) => (a.name || a.pose) + ' feels worse on the ' + a.worseSide + ' ('
    + num(a[a.worseSide]) + ' against ' + num(a[a.worseSide === 'left' ? 'right' : 'left']) + ')');
  $('asymmetry').textContent = lopsided.length === 0 ? '' : lopsided.join('; ') + '. A side that keeps feeling worse '
    + 'is worth showing to a physiotherapist.';
  if (poses.length === 0) {
    list.append(el('li', { class: 'empty', text: 'Rate how a pose felt when you finish it to see it here.' }));
  }
  // The API ranks the most uncomfortable first; the ones that matter are at the top.
  poses.forEach((p) => {
    const item = el('li', { 'data-pose': p.pose }, el('span', { class: 'name', text: p.name || p.pose }));
    const sided = p.bySide.left.ratings > 0 || p.bySide.right.ratings > 0;
    const rows = el('div', { class: 'sides' });
    if (sided) rows.append(feelBar('Left', p.bySide.left), feelBar('Right', p.bySide.right));
    else rows.append(feelBar('', p));
    item.append(rows);
    if (p.skippedForPain > 0) {
      item.append(el('span', { class: 'figure skips', text: 'skipped for pain ' + p.skippedForPain + (p.skippedForPain === 1 ? ' time' : ' times') }));
    }
    list.append(item);
  });
  renderFeelLimit();
}

function renderFeelLimit() {
  const items = [...$('feel').querySelectorAll('li[data-pose]')];
  items.forEach((li, i) => { li.hidden = !state.showAllPoses && i >= FEEL_SHOWN; });
  const more = $('feel-more');
  more.hidden = items.length <= FEEL_SHOWN;
  more.textContent = state.showAllPoses ? 'Show the ' + FEEL_SHOWN + ' that matter most' : 'Show all ' + items.length + ' poses';
  more.setAttribute('aria-expanded', String(state.showAllPoses));
}

const REASONS = { flare: 'a flare', illness: 'illness', travel: 'travel', other: 'a pause' };

function renderPauses(pauses, today) {
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
      try { await api('/v1/me/pauses/' + encodeURIComponent(p.id), 'DELETE'); await show(); $('pause-from').focus(); } catch (e) { end.disabled = false; onError(e); }
    });
    list.append(el('li', { 'data-pause': p.id }, el('span', { text: (now ? 'Paused for ' : 'Pause planned for ') + (REASONS[p.reason] || 'a pause') + ': ' + when + ' ' }), end));
  });
  if (!$('pause-from').value) {
    $('pause-from').value = today;
    $('pause-to').value = shift(today, 2).toISOString().slice(0, 10);
  }
}

async function submitPause(ev) {
  ev.preventDefault();
  const error = $('pause-error');
  error.textContent = '';
  $('pause-submit').disabled = true;
  try {
    await api('/v1/me/pauses', 'POST', { from: $('pause-from').value, to: $('pause-to').value, reason: $('pause-reason').value });
    $('pause-from').value = '';
    await show();
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
