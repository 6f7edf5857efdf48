// Building the page's DOM by hand (no inline HTML from data: text always goes in as text), dates
// as people read them, and the polite announcements screen readers hear.

export const $ = (id) => document.getElementById(id);

/** An element with attributes ('class', 'text' and the rest) and children (nodes or strings). */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (v === undefined || v === null || v === false) return;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v === true ? '' : v);
  });
  children.forEach((c) => { if (c !== null && c !== undefined) node.append(c); });
  return node;
}

export const parseDate = (s) => new Date(s + 'T00:00:00Z');
export const shift = (s, days) => { const d = parseDate(s); d.setUTCDate(d.getUTCDate() + days); return d; };
export const fmt = (s, opts) => parseDate(s).toLocaleDateString(undefined, Object.assign({ timeZone: 'UTC' }, opts));
export const num = (v) => (v === null || v === undefined ? '–' : (Math.round(v * 10) / 10).toString());

/** The ISO week (2026-W49) of a date. */
export function isoWeek(date) {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((d - yearStart) / 86400000 + 1) / 7);
  return d.getUTCFullYear() + '-W' + String(week).padStart(2, '0');
}

/** Body areas as people say them. */
export const AREAS = {
  neck: 'Neck', shoulders: 'Shoulders', upper_back: 'Upper back', mid_back: 'Mid back', lower_back: 'Lower back',
  hips: 'Hips', knees: 'Knees', feet: 'Feet', wrists: 'Wrists', jaw: 'Jaw', chest: 'Chest', tailbone: 'Tailbone',
};
export const area = (a) => AREAS[a] || a;

/** Tells screen readers something, politely (after what they are saying now). */
export function announce(text) {
  const region = $('announcer');
  if (!region) return;
  // The same words twice in a row are still announced: clear, then set on the next frame.
  region.textContent = '';
  requestAnimationFrame(() => { region.textContent = text; });
}

/** The page's one status line (loading, errors), with an optional action button. */
export function status(text, { error = false, action = null } = {}) {
  const line = $('status');
  line.textContent = text || '';
  line.hidden = !text;
  line.classList.toggle('error', !!error);
  if (action) {
    const button = el('button', { type: 'button', class: 'link', text: action.label });
    button.addEventListener('click', action.run);
    line.append(' ', button);
  }
}

/** Something that happened without the person asking (a session recorded for them), said until they go on. */
export function notice(text) {
  const line = $('notice');
  line.textContent = text;
  line.hidden = !text;
}

/** A scale of 0 to 10 as radio buttons (keyboard: arrows), with "not rated" first. */
export function scale(name, legend, { hint = null, value = null } = {}) {
  const set = el('fieldset', { class: 'scale', 'data-scale': name });
  set.append(el('legend', { text: legend }));
  if (hint) set.append(el('p', { class: 'note', text: hint }));
  const row = el('div', { class: 'scale-row' });
  const options = [['', 'Not rated'], ...Array.from({ length: 11 }, (_, i) => [String(i), String(i)])];
  for (const [v, label] of options) {
    const id = name + '-' + (v === '' ? 'none' : v);
    const input = el('input', { type: 'radio', name, id, value: v });
    if ((value === null && v === '') || String(value) === v) input.checked = true;
    row.append(el('span', { class: 'scale-choice' }, input, el('label', { for: id, text: label })));
  }
  set.append(row);
  return set;
}

/** The value a scale() holds: an integer 0..10, or null when not rated. */
export function scaleValue(root, name) {
  const checked = root.querySelector('input[name="' + name + '"]:checked');
  return checked && checked.value !== '' ? Number(checked.value) : null;
}
