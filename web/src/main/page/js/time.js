// Time on the device: when things happen (real time, always), and how fast the player's timers
// run (real time, unless a browser test speeds them up).

/** An instant as RFC 3339 with the device's own offset, e.g. 2026-12-02T08:15:04.120+01:00. */
export function stamp(ms, offsetMinutes = -new Date(ms).getTimezoneOffset()) {
  const local = new Date(ms + offsetMinutes * 60000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  return local.getUTCFullYear() + '-' + pad(local.getUTCMonth() + 1) + '-' + pad(local.getUTCDate())
    + 'T' + pad(local.getUTCHours()) + ':' + pad(local.getUTCMinutes()) + ':' + pad(local.getUTCSeconds())
    + '.' + pad(local.getUTCMilliseconds(), 3) + sign + pad(Math.floor(abs / 60)) + ':' + pad(abs % 60);
}

/** The IANA zone the person is practising in (what SESSION_STARTED carries). */
export function zone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/**
 * How many times faster than real time the player's hold timers run: 1, except where a browser
 * test has set `sukha.clockRate` in this tab's storage. Event times are never sped up.
 */
export function timerRate() {
  let rate = 1;
  try {
    rate = Number(sessionStorage.getItem('sukha.clockRate')) || 1;
  } catch (e) {
    rate = 1;
  }
  return Math.min(100, Math.max(1, rate));
}
