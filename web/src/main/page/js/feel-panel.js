// "How poses felt": each pose's discomfort over eight weeks (by side where a step has one), the most uncomfortable
// first and the first few shown, and any side that keeps feeling worse. Part of the week view.

import { $, el, num } from './dom.js';

/** How many poses are shown before "Show all". */
const FEEL_SHOWN = 5;
let showAll = false;

export function init() {
  $('feel-more').addEventListener('click', () => {
    showAll = !showAll;
    renderLimit();
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

export function render(poses, asymmetry) {
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
  renderLimit();
}

function renderLimit() {
  const items = [...$('feel').querySelectorAll('li[data-pose]')];
  items.forEach((li, i) => { li.hidden = !showAll && i >= FEEL_SHOWN; });
  const more = $('feel-more');
  more.hidden = items.length <= FEEL_SHOWN;
  more.textContent = showAll ? 'Show the ' + FEEL_SHOWN + ' that matter most' : 'Show all ' + items.length + ' poses';
  more.setAttribute('aria-expanded', String(showAll));
}
