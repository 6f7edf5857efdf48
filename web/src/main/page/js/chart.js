// The pain chart: weekly mean pain before and after practice as two lines (SVG), and the same
// values in a table for screen readers.

import { el, num } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';

export function painChart(box, table, weeks) {
  const W = 640, H = 230, left = 34, right = 12, top = 12, bottom = 34;
  const n = weeks.length;
  const x = (i) => left + (n === 1 ? 0 : i * (W - left - right) / (n - 1));
  const y = (v) => top + (10 - v) * (H - top - bottom) / 10;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', 'Weekly pain before and after practice; the same values are in the table below for screen readers.');
  const add = (tag, attrs, text) => {
    const e = document.createElementNS(SVG, tag);
    Object.entries(attrs).forEach(([k, v]) => e.setAttribute(k, v));
    if (text) e.textContent = text;
    svg.append(e);
    return e;
  };
  [0, 2, 4, 6, 8, 10].forEach((v) => {
    add('line', { x1: left, x2: W - right, y1: y(v), y2: y(v), class: 'grid-line' });
    add('text', { x: left - 8, y: y(v) + 4, 'text-anchor': 'end', class: 'axis' }, String(v));
  });
  weeks.forEach((w, i) => add('text', { x: x(i), y: H - 12, 'text-anchor': 'middle', class: 'axis' }, 'W' + w.week.slice(-2)));
  [['avgBefore', 'before'], ['avgAfter', 'after']].forEach(([key, cls]) => {
    let path = '';
    let pen = false;
    weeks.forEach((w, i) => {
      if (w[key] === null) { pen = false; return; }
      path += (pen ? 'L' : 'M') + x(i).toFixed(1) + ' ' + y(w[key]).toFixed(1) + ' ';
      pen = true;
    });
    if (path) add('path', { d: path, class: 'line ' + cls });
    weeks.forEach((w, i) => {
      if (w[key] === null) return;
      const c = add('circle', { cx: x(i), cy: y(w[key]), r: 5, class: 'point ' + cls, 'data-week': w.week });
      const title = document.createElementNS(SVG, 'title');
      title.textContent = w.week + ': ' + cls + ' ' + num(w[key]);
      c.append(title);
    });
  });
  const legend = el('div', { class: 'legend' }, el('span', { class: 'before', text: 'Before practice' }),
    el('span', { class: 'after', text: 'After practice' }));
  box.replaceChildren(svg, legend);
  table.querySelector('tbody').replaceChildren(...weeks.map((w) => el('tr', {},
    el('th', { scope: 'row', text: w.week }), el('td', { text: num(w.avgBefore) }), el('td', { text: num(w.avgAfter) }),
    el('td', { text: String(w.sessions) }))));
}
