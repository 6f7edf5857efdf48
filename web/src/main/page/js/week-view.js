// The week: today's session, streak, this ISO week's days, the pause form, reminders, pain before and after over eight weeks,
// how poses felt, what helps, and any safety alert, drawn from figures.js (which reads and keeps them;
// offline the page shows the last ones seen, with their age).

import { painChart } from './chart.js';
import { $, el, fmt, isoWeek, num, parseDate, shift, status } from './dom.js';
import * as feel from './feel-panel.js';
import * as figures from './figures.js';
import * as pauses from './pause-panel.js';
import * as reminders from './reminder-panel.js';
import * as today from './today-panel.js';

const state = { week: null, thisWeek: null, shown: null, shownAny: false, visible: false };
let onError = () => {};

/** {@code onStart(next)}: Start on today's session. */
export function init(handleError, onStart) {
  onError = handleError;
  pauses.init(show, handleError);
  reminders.init(handleError);
  today.init(onStart, show, handleError);
  feel.init();
  $('prev').addEventListener('click', () => { state.week = isoWeek(shift(state.shown.start, -7)); show(); });
  $('next').addEventListener('click', () => { state.week = isoWeek(shift(state.shown.start, 7)); show(); });
  $('today').addEventListener('click', () => { state.week = null; show(); });
}

export async function show() {
  document.body.dataset.loaded = 'false';
  status('Loading your week…');
  let f;
  let asOf;
  try {
    ({ figures: f, asOf } = await figures.freshElseKept(state.week));
  } catch (e) {
    onError(e);
    return;
  }
  render(f);
  if (!state.shownAny) reminders.show();
  state.shownAny = true;
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
  if (!state.visible || !state.shownAny) return;
  const which = figures.named(changed);
  if (!which.length) return;
  try {
    const f = await figures.read(which, state.week);
    render(f);
    document.body.dataset.refreshed = which.join(',');
  } catch (e) {
    // Offline or signed out: the stream will say when to try again.
  }
}

function render(f) {
  state.thisWeek = isoWeek(parseDate(f.streak.today));
  today.render(f.next);
  $('today-card').hidden = $('today-card').hidden || f.week.week !== state.thisWeek;
  renderAlerts(f.trend.alerts);
  renderStreak(f.streak);
  renderWeek(f.week, f.streak.today);
  painChart($('chart'), $('pain-table'), f.trend.weeks);
  renderDirection(f.trend);
  renderRelief(f.relief);
  feel.render(f.feel, f.asymmetry);
  pauses.render(f.pauses, f.streak.today);
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

/** On sign-out: this device takes no more reminders. */
export const forgetDevice = () => reminders.forgetDevice();
