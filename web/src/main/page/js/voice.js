// The player's voice and chime, and the person's choices for them kept on this device: voice on or off and its rate,
// the chime at each hold's end, moving on by itself and the rest between steps. Speech is the device's own
// (the Web Speech API: its voices work offline); the chime a soft tone from Web Audio. What is said is also shown in
// the player and announced politely, for screen readers and for a muted device.

import { $, announce } from './dom.js';

// Off until the person turns them on: a player that starts talking or moving on by itself would surprise.
const DEFAULTS = { voice: false, rate: 1, chime: true, autoAdvance: false, restSeconds: 5 };
const key = (user) => 'sukha.practice-settings.' + user;

/** The person's settings on this device (the defaults until they change one). */
export function settings(user) {
  try {
    return { ...DEFAULTS, ...JSON.parse(localStorage.getItem(key(user)) || '{}') };
  } catch (e) {
    return { ...DEFAULTS };
  }
}

export function save(user, s) {
  localStorage.setItem(key(user), JSON.stringify({ voice: !!s.voice, rate: Number(s.rate) || 1, chime: !!s.chime,
    autoAdvance: !!s.autoAdvance, restSeconds: Math.max(0, Math.min(60, Math.round(Number(s.restSeconds) || 0))) }));
}

/** On sign-out: the person's choices leave the device with the rest of them. */
export function forget(user) {
  localStorage.removeItem(key(user));
}

let current = DEFAULTS;

/** The settings the player speaks with now. */
export function use(s) {
  current = s;
  if (!s.voice) stop();
}

/** Says `lines` in order (after whatever is being said), shows the last and announces them politely. */
export function say(lines) {
  const text = lines.filter(Boolean).join(' ');
  if (!text) return;
  const shown = $('spoken');
  if (shown) shown.textContent = text;
  announce(text);
  if (!current.voice || !('speechSynthesis' in window)) return;
  lines.filter(Boolean).forEach((line) => {
    const u = new SpeechSynthesisUtterance(line);
    u.rate = current.rate;
    window.speechSynthesis.speak(u);
  });
}

/** Stops speaking at once (a pause, leaving the player). */
export function stop() {
  if ('speechSynthesis' in window) window.speechSynthesis.cancel();
}

let audio = null;

/** A soft two-note chime: the hold is over. */
export function chime() {
  if (!current.chime) return;
  const Ctx = window.AudioContext || window.webkitAudioContext;
  if (!Ctx) return;
  try {
    audio = audio || new Ctx();
    const t = audio.currentTime;
    [[660, 0], [880, 0.18]].forEach(([hz, offset]) => {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.type = 'sine';
      osc.frequency.value = hz;
      gain.gain.setValueAtTime(0.0001, t + offset);
      gain.gain.exponentialRampToValueAtTime(0.15, t + offset + 0.03);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + offset + 0.9);
      osc.connect(gain).connect(audio.destination);
      osc.start(t + offset);
      osc.stop(t + offset + 1);
    });
  } catch (e) {
    // No sound on this device: the spoken and shown cues remain.
  }
}
