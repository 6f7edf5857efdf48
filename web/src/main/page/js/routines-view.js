// The routines: the catalogue filtered by area, minutes, space and level, the routines that help
// this person most marked (and listed first), and one routine's steps before starting it.

import * as catalogue from './catalogue.js';
import { $, AREAS, area, el, status } from './dom.js';
import * as hold from './hold.js';
import * as figures from './figures.js';

const SIDES = { left: 'Left side', right: 'Right side', both: 'Each side in turn', none: '' };
const LEVELS = { gentle: 'Gentle', moderate: 'Moderate', strong: 'Strong' };
const SPACES = { mat: 'On a mat', chair: 'On a chair', bed: 'In bed', standing: 'Standing' };
let onError = () => {};
let list = [];

export function init(handleError) {
  onError = handleError;
  fill($('filter-focus'), 'Any area', AREAS);
  fill($('filter-space'), 'Anywhere', SPACES);
  fill($('filter-level'), 'Any level', LEVELS);
  fill($('filter-minutes'), 'Any length', { 5: 'Up to 5 minutes', 10: 'Up to 10 minutes', 15: 'Up to 15 minutes', 20: 'Up to 20 minutes', 30: 'Up to 30 minutes' });
  $('filters').addEventListener('change', () => renderList());
  $('filters').addEventListener('submit', (e) => e.preventDefault());
}

function fill(select, any, options) {
  select.append(el('option', { value: '', text: any }), ...Object.entries(options).map(([v, t]) => el('option', { value: v, text: t })));
}

/** The person's relief per routine, fresh when online, else as last seen. */
async function reliefRanking() {
  return (await figures.one('relief')) || [];
}

export async function showList() {
  status('Loading routines…');
  try {
    const [routines, relief] = await Promise.all([catalogue.routines(), reliefRanking()]);
    list = rank(routines, relief);
  } catch (e) {
    onError(e);
    return;
  }
  status('');
  $('routines').hidden = false;
  renderList();
  document.body.dataset.loaded = 'true';
}

/**
 * The routines that help: rated by this person with a mean relief above zero, best first (the
 * service's ranking); the best of them "helps you most". They lead the list; the rest keep the
 * catalogue's order.
 */
function rank(routines, relief) {
  const helping = relief.filter((r) => r.sessions > 0 && r.avgRelief > 0).map((r) => r.routineId);
  const position = new Map(helping.map((id, i) => [id, i]));
  return routines.map((r, i) => ({ ...r, help: position.has(r.id) ? position.get(r.id) : null, order: i }))
    .sort((a, b) => (a.help === null) - (b.help === null) || (a.help ?? 0) - (b.help ?? 0) || a.order - b.order);
}

function currentFilters() {
  return { focus: $('filter-focus').value, maxMinutes: $('filter-minutes').value, space: $('filter-space').value, level: $('filter-level').value };
}

function renderList() {
  const shown = list.filter((r) => catalogue.matches(r, currentFilters()));
  const box = $('routine-list');
  box.replaceChildren(...shown.map((r) => {
    const title = el('h2', {}, el('a', { href: '#/routines/' + encodeURIComponent(r.id), text: r.title }));
    if (r.help === 0) title.append(el('span', { class: 'badge', 'data-testid': 'helps-most', text: 'helps you most' }));
    else if (r.help !== null) title.append(el('span', { class: 'badge', text: 'helps you' }));
    return el('li', { class: 'card routine', 'data-routine': r.id, 'data-helps': r.help === null ? null : String(r.help) },
      title,
      el('p', { class: 'meta', text: r.minutes + ' min · ' + (LEVELS[r.level] || r.level) + ' · ' + r.space.map((s) => SPACES[s] || s).join(', ') }),
      el('p', { class: 'areas', text: 'For: ' + r.focus.map(area).join(', ') }));
  }));
  $('routine-count').textContent = shown.length === list.length ? list.length + ' routines'
    : shown.length + ' of ' + list.length + ' routines match';
  if (shown.length === 0) box.append(el('li', { class: 'empty', text: 'No routine matches all of these. Try fewer filters.' }));
}

export async function showRoutine(id, onStart) {
  status('Loading the routine…');
  let routine;
  let poses;
  try {
    [routine, poses] = await Promise.all([catalogue.routine(id), catalogue.poseLibrary()]);
  } catch (e) {
    onError(e);
    return;
  }
  status('');
  const box = $('routine-detail');
  const start = el('button', { type: 'button', class: 'primary start-practice', 'data-testid': 'start-routine', text: 'Start this routine' });
  start.addEventListener('click', () => onStart(routine, poses));
  box.replaceChildren(
    el('p', {}, el('a', { href: '#/routines', text: '‹ All routines' })),
    el('h1', { id: 'routine-title', tabindex: '-1', text: routine.title }),
    el('p', { class: 'meta', text: routine.minutes + ' min · ' + (LEVELS[routine.level] || routine.level) + ' · '
      + routine.space.map((s) => SPACES[s] || s).join(', ') + ' · for ' + routine.focus.map(area).join(', ').toLowerCase() }),
    el('p', { text: routine.summary }),
    (routine.safety || []).length ? el('ul', { class: 'safety' }, ...routine.safety.map((s) => el('li', { text: s }))) : null,
    el('p', {}, start),
    el('h2', { text: 'Steps' }),
    el('ol', { class: 'steps', 'data-testid': 'routine-steps' }, ...routine.steps.map((s, i) => stepItem(s, i, poses))));
  $('routine').hidden = false;
  document.body.dataset.loaded = 'true';
  $('routine-title').focus();
}

function stepItem(step, i, poses) {
  const pose = poses.get(step.pose);
  const options = [...(step.options || [])];
  const gentler = catalogue.gentlerOption(step, pose);
  if (gentler && !options.includes(gentler)) options.unshift(gentler);
  return el('li', { 'data-step': String(i) },
    el('p', { class: 'pose' }, el('strong', { text: pose ? pose.name : step.pose }),
      SIDES[step.side] ? ' · ' + SIDES[step.side] : '', ' · ' + hold.describe(step.hold, step.side)),
    step.cues.length ? el('ul', { class: 'cues' }, ...step.cues.map((c) => el('li', { text: c }))) : null,
    options.length ? el('ul', { class: 'options' }, ...options.map((o) => el('li', {},
      el('span', { class: 'intensity ' + o.intensity, text: o.intensity === 'gentler' ? 'Gentler: ' : 'Deeper: ' }),
      el('strong', { text: o.label }), ' — ' + o.cue))) : null);
}

export function hide() {
  $('routines').hidden = true;
  $('routine').hidden = true;
}
