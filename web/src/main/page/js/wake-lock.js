// The screen stays on while a session runs (a phone on the mat), and is let go of otherwise.

/** Keeps the screen on while a session runs (a phone on the mat); let go of otherwise. */
let wakeLock = null;

export async function keepAwake(on) {
  try {
    if (on && !wakeLock && navigator.wakeLock && document.visibilityState === 'visible') {
      wakeLock = await navigator.wakeLock.request('screen');
      wakeLock.addEventListener('release', () => { wakeLock = null; });
    } else if (!on && wakeLock) {
      await wakeLock.release();
    }
  } catch (e) {
    wakeLock = null; // not allowed here (battery saver, an unfocused tab): the session runs all the same
  }
}
