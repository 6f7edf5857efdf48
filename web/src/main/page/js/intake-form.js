// The intake's questions as a form: where it hurts and how much, for how long, where and how long the person can
// practise, how many days a week, and the safety questions (each answered yes or no). Builds the form, fills it
// from answers kept, and reads it back as the body of PUT /v1/me/intake.

import { AREAS, el } from './dom.js';

const DURATIONS = { UNDER_6_WEEKS: 'Less than 6 weeks', WEEKS_6_TO_12: '6 to 12 weeks', OVER_12_WEEKS: 'More than 12 weeks' };
const SPACES = { mat: 'On a mat', chair: 'On a chair', bed: 'In bed', standing: 'Standing' };
const MINUTES = [5, 10, 15, 20, 30];

/** The safety questions, in the contract's order; a yes to the first three means urgent care. */
export const RED_FLAGS = {
  BLADDER_BOWEL: 'New trouble controlling your bladder or bowel, or numbness around your genitals or buttocks?',
  SPREADING_WEAKNESS: 'Weakness or numbness in a leg or an arm that is getting worse?',
  CHEST_PAIN: 'Chest pain, breathlessness, or pain spreading to your jaw or left arm?',
  FEVER_UNWELL: 'A fever, or feeling generally unwell, along with the pain?',
  TRAUMA: 'Did the pain begin with a fall, an accident or a blow?',
  CANCER_WEIGHT_LOSS: 'Cancer now or in the past, or weight loss you cannot explain?',
  NIGHT_PAIN: 'Constant pain that is worse at night or at rest, whatever position you are in?',
};

function choices(name, legend, options, type) {
  return el('fieldset', { 'data-field': name }, el('legend', { text: legend }),
    el('div', { class: 'choices' }, ...Object.entries(options).map(([value, label]) => el('label', { class: 'choice' },
      el('input', { type, name, value }), ' ' + label))));
}

/** Fills {@code form} with every question (empty). */
export function build(form) {
  const pain = el('fieldset', { 'data-field': 'pain', id: 'intake-pain' }, el('legend', { text: 'How much does it hurt now? 0 is no pain, 10 the worst you can imagine.' }),
    el('div', { class: 'pain-list' }, ...Object.entries(AREAS).map(([area, label]) => el('label', { class: 'pain-row', 'data-area': area, hidden: '' },
      el('span', { text: label }), el('input', { type: 'number', name: 'pain-' + area, min: '0', max: '10', step: '1', inputmode: 'numeric' })))));
  const days = el('select', { id: 'intake-days', name: 'days' }, ...[1, 2, 3, 4, 5, 6, 7].map((d) => el('option', { value: String(d), text: String(d) })));
  days.value = '3';
  const safety = el('fieldset', { 'data-field': 'redFlags', class: 'safety-questions' },
    el('legend', { text: 'Safety questions: do you have any of these?' }),
    ...Object.entries(RED_FLAGS).map(([code, question]) => el('fieldset', { class: 'yes-no', 'data-flag': code },
      el('legend', { text: question }),
      el('label', {}, el('input', { type: 'radio', name: 'flag-' + code, value: 'yes' }), ' Yes'),
      el('label', {}, el('input', { type: 'radio', name: 'flag-' + code, value: 'no' }), ' No'))));
  form.replaceChildren(
    choices('areas', 'Where does it hurt?', AREAS, 'checkbox'), pain,
    choices('duration', 'How long has it lasted?', DURATIONS, 'radio'),
    choices('spaces', 'Where can you practise?', SPACES, 'checkbox'),
    choices('minutesPerDay', 'How many minutes a day?', Object.fromEntries(MINUTES.map((m) => [m, m + ' minutes'])), 'radio'),
    el('p', {}, el('label', { for: 'intake-days', text: 'How many days a week? ' }), days),
    safety,
    el('p', { class: 'note', text: 'This is advice, not a diagnosis. If you are worried about your health, ask a doctor.' }),
    el('p', {}, el('button', { type: 'submit', class: 'primary', 'data-testid': 'save-intake', text: 'Save my answers' })),
    el('p', { id: 'intake-error', class: 'error-text', role: 'alert' }));
  const showPain = () => form.querySelectorAll('.pain-row').forEach((row) => {
    row.hidden = !form.querySelector('input[name=areas][value=' + row.dataset.area + ']').checked;
  });
  form.addEventListener('change', showPain);
}

/** Puts kept answers back into the form. */
export function fill(form, a) {
  if (!a) return;
  const check = (name, values) => form.querySelectorAll('input[name=' + name + ']').forEach((i) => { i.checked = values.includes(i.value); });
  check('areas', a.areas || []);
  Object.entries(a.pain || {}).forEach(([area, v]) => { const i = form.querySelector('input[name=pain-' + area + ']'); if (i) i.value = v; });
  check('duration', [a.duration]);
  check('spaces', a.spaces || []);
  check('minutesPerDay', [String(a.minutesPerDay)]);
  if (a.daysPerWeek) form.querySelector('#intake-days').value = String(a.daysPerWeek);
  Object.keys(RED_FLAGS).forEach((code) => {
    const yes = (a.redFlags || []).includes(code);
    form.querySelector('input[name=flag-' + code + '][value=' + (yes ? 'yes' : 'no') + ']').checked = true;
  });
  form.dispatchEvent(new Event('change'));
}

/** The answers as the body to send, and what is missing (in words, by question). */
export function read(form) {
  const checked = (name) => [...form.querySelectorAll('input[name=' + name + ']:checked')].map((i) => i.value);
  const areas = checked('areas');
  const pain = {};
  const missing = [];
  areas.forEach((area) => {
    const v = form.querySelector('input[name=pain-' + area + ']').value;
    if (v === '' || Number(v) < 0 || Number(v) > 10 || !Number.isInteger(Number(v))) missing.push('pain in the ' + AREAS[area].toLowerCase() + ' (0 to 10)');
    else pain[area] = Number(v);
  });
  const redFlags = [];
  Object.keys(RED_FLAGS).forEach((code) => {
    const answer = checked('flag-' + code)[0];
    if (!answer) missing.push('every safety question');
    if (answer === 'yes') redFlags.push(code);
  });
  const body = { areas, pain, duration: checked('duration')[0], spaces: checked('spaces'),
    minutesPerDay: Number(checked('minutesPerDay')[0]), daysPerWeek: Number(form.querySelector('#intake-days').value), redFlags };
  if (!areas.length) missing.unshift('where it hurts');
  if (!body.duration) missing.push('how long it has lasted');
  if (!body.spaces.length) missing.push('where you can practise');
  if (!body.minutesPerDay) missing.push('minutes a day');
  return { body, missing: [...new Set(missing)] };
}
