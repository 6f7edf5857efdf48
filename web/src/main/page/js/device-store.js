// What the page keeps on the device, in IndexedDB: the outbox of recorded events not yet accepted by
// session-service, the session being practised, the last figures seen (to show offline), and intake answers
// not yet sent.
// An event and the session state that recorded it are written in one transaction: a tab closed in
// between leaves both or neither.

const DB = 'sukha';
const VERSION = 2;
let opening = null;

function open() {
  if (!opening) {
    opening = new Promise((resolve, reject) => {
      const request = indexedDB.open(DB, VERSION);
      request.onupgradeneeded = (ev) => {
        const db = request.result;
        if (ev.oldVersion < 1) {
          const outbox = db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
          outbox.createIndex('user', 'user');
          db.createObjectStore('practice', { keyPath: 'user' });
          db.createObjectStore('figures', { keyPath: 'user' });
        }
        // 2: the intake answered on this device and not yet sent.
        if (ev.oldVersion < 2) db.createObjectStore('answers', { keyPath: 'user' });
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error('the device store is held by an older tab; close it and reload'));
    });
  }
  return opening;
}

function done(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error || new Error('device store transaction aborted'));
  });
}

function result(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/**
 * Records events in the outbox and, in the same transaction, the session's new state (null: the
 * session is over, forget it; undefined: leave it as it is).
 */
export async function record(user, events, practice) {
  const db = await open();
  const tx = db.transaction(['outbox', 'practice'], 'readwrite');
  const outbox = tx.objectStore('outbox');
  const recordedAt = Date.now();
  for (const event of events) outbox.add({ user, state: 'pending', event, recordedAt });
  if (practice === null) tx.objectStore('practice').delete(user);
  else if (practice !== undefined) tx.objectStore('practice').put({ ...practice, user });
  await done(tx);
}

/** Every outbox entry of a person (pending and set aside), oldest first. */
export async function entries(user) {
  const db = await open();
  const all = await result(db.transaction('outbox').objectStore('outbox').index('user').getAll(user));
  return all.sort((a, b) => a.seq - b.seq);
}

/** How many entries wait for each person on this device: {user: {pending, setAside}}. */
export async function counts() {
  const db = await open();
  const all = await result(db.transaction('outbox').objectStore('outbox').getAll());
  const out = {};
  for (const e of all) {
    const c = out[e.user] || (out[e.user] = { pending: 0, setAside: 0 });
    if (e.state === 'pending') c.pending++; else c.setAside++;
  }
  return out;
}

/** Applies what an answer meant: entries accepted go, entries refused are set aside with the reason. */
export async function apply(verdict) {
  if (!verdict.remove.length && !verdict.setAside.length) return;
  const db = await open();
  const tx = db.transaction('outbox', 'readwrite');
  const outbox = tx.objectStore('outbox');
  verdict.remove.forEach((seq) => outbox.delete(seq));
  for (const { seq, message } of verdict.setAside) {
    const entry = await result(outbox.get(seq));
    if (entry) outbox.put({ ...entry, state: 'set-aside', message });
  }
  await done(tx);
}

/** A set-aside entry goes back to the queue (the person asks to send it again). */
export async function restore(seq) {
  const db = await open();
  const tx = db.transaction('outbox', 'readwrite');
  const outbox = tx.objectStore('outbox');
  const entry = await result(outbox.get(seq));
  if (entry) {
    const { message, ...rest } = entry;
    outbox.put({ ...rest, state: 'pending' });
  }
  await done(tx);
}

/** A set-aside entry removed from the device, because the person asked to. */
export async function discard(seq) {
  const db = await open();
  const tx = db.transaction('outbox', 'readwrite');
  tx.objectStore('outbox').delete(seq);
  await done(tx);
}

/** The session this person is practising (or left unfinished), with its routine; or null. */
export async function practice(user) {
  const db = await open();
  return (await result(db.transaction('practice').objectStore('practice').get(user))) || null;
}

/** Saves the session's state without recording an event (the gentler option toggled, a pause). */
export async function savePractice(user, state) {
  return record(user, [], state);
}

export async function saveFigures(user, figures) {
  const db = await open();
  const tx = db.transaction('figures', 'readwrite');
  tx.objectStore('figures').put({ user, at: Date.now(), figures });
  await done(tx);
}

/** The figures last seen for this person ({at, figures}), or null. */
export async function figures(user) {
  const db = await open();
  return (await result(db.transaction('figures').objectStore('figures').get(user))) || null;
}

/** Keeps the person's intake answers until the service has them (null: sent, forget them). */
export async function saveAnswers(user, answers) {
  const db = await open();
  const tx = db.transaction('answers', 'readwrite');
  if (answers) tx.objectStore('answers').put({ user, at: Date.now(), answers });
  else tx.objectStore('answers').delete(user);
  await done(tx);
}

/** The intake answers kept on this device and not yet sent ({at, answers}), or null. */
export async function answers(user) {
  const db = await open();
  return (await result(db.transaction('answers').objectStore('answers').get(user))) || null;
}

/**
 * On sign-out: everything of the person leaves the device, in one transaction — their figures, the session
 * they left unfinished, and what they recorded (sent by now, or removed because they asked to).
 */
export async function forgetPerson(user) {
  const db = await open();
  const tx = db.transaction(['outbox', 'practice', 'figures', 'answers'], 'readwrite');
  const outbox = tx.objectStore('outbox');
  const seqs = await result(outbox.index('user').getAllKeys(user));
  seqs.forEach((seq) => outbox.delete(seq));
  tx.objectStore('practice').delete(user);
  tx.objectStore('figures').delete(user);
  tx.objectStore('answers').delete(user);
  await done(tx);
}
