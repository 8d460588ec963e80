import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openJournalDb, type AftercareDb } from '@/utils/journal/db';
import { createJournalStore } from '@/utils/journal/store';
import { createDraftStore } from '@/utils/journal/drafts';
import { ENVELOPE_ALGORITHM } from '@/utils/lock/envelope';
import { LockStateError, isSealed } from '@/utils/lock/lock';
import {
  AUTO_LOCK_ALARM,
  changePassphrase,
  expireIdleJournalKey,
  isJournalLocked,
  journalLockStatus,
  lockJournal,
  sealLeftovers,
  sessionJournalAccess,
  turnLockOff,
  turnLockOn,
  unlockJournal,
} from '@/utils/lock/keys';
import { journalKeyItem } from '@/utils/shared/storage-items';

const PASS = 'river stones 🌊';
const SECRET = ['Felt close to him', 'half a thought', 'written while locked', 'meet'];

let dbCount = 0;
async function journalWithWords() {
  const name = `lock-wiring-${++dbCount}`;
  const db = await openJournalDb(name);
  let clock = 1_000;
  const now = () => clock;
  const access = sessionJournalAccess({ now });
  const entries = createJournalStore(db, now, access);
  const drafts = createDraftStore(db, now, access);
  await entries.add({ kind: 'reflection', text: 'Felt close to him 💛', siteId: 'meet' });
  await drafts.put('manual', { kind: 'check-in', text: 'half a thought' });
  return {
    db,
    name,
    entries,
    drafts,
    access,
    tick: (ms: number) => {
      clock += ms;
    },
    now,
  };
}

/** Everything IndexedDB holds, as stored. */
async function raw(db: AftercareDb) {
  return JSON.stringify({
    entries: await db.getAll('journal-entries'),
    drafts: await db.getAll('drafts'),
    lock: await db.getAll('lock-meta'),
  });
}

// Each test derives keys at 600,000 PBKDF2 rounds a few times: slow on a busy machine.
describe('the passphrase lock, wired into the journal', { timeout: 30_000 }, () => {
  it('checking the lock never creates a journal that is not there (after "delete everything")', async () => {
    expect(await journalLockStatus()).toBe('off');
    expect((await indexedDB.databases()).map((db) => db.name)).not.toContain('aftercare');
  });

  it('a version 3 journal starts with the lock off: entries are stored and read as before', async () => {
    const { db, entries } = await journalWithWords();
    expect(await db.getAll('lock-meta')).toEqual([]);
    expect(await raw(db)).toContain('Felt close to him');
    expect(await isJournalLocked(db)).toBe(false);
    expect((await entries.all())[0]).toMatchObject({ text: 'Felt close to him 💛' });
  });

  it('turned on, nothing readable is stored, and this browser session stays unlocked', async () => {
    const { db, entries, drafts, now } = await journalWithWords();
    await turnLockOn(db, PASS, 15, { now });
    const stored = await raw(db);
    for (const word of SECRET) expect(stored).not.toContain(word);
    expect(await journalKeyItem.getValue()).toMatchObject({ idleMinutes: 15, lastUsedAt: 1_000 });
    expect(await fakeBrowser.alarms.get(AUTO_LOCK_ALARM)).toBeDefined();
    expect((await entries.all())[0]).toMatchObject({ text: 'Felt close to him 💛', siteId: 'meet' });
    expect((await drafts.get('manual'))?.fields.text).toBe('half a thought');
    // Written while unlocked: sealed with the passphrase key.
    await entries.add({ kind: 'check-in', text: 'written while unlocked' });
    expect(await raw(db)).not.toContain('written while unlocked');
  });

  it('while locked: reading refuses, but a check-in is saved sealed and opens after unlocking', async () => {
    const { db, entries, drafts, now } = await journalWithWords();
    await turnLockOn(db, PASS, 15, { now });
    await lockJournal();
    expect(await isJournalLocked(db)).toBe(true);
    await expect(entries.all()).rejects.toThrow(LockStateError);
    await expect(drafts.get('manual')).rejects.toThrow(LockStateError);

    // The check-in window: a draft autosaved, then the entry saved, all without the passphrase.
    await drafts.put('session:s1', { kind: 'reflection', text: 'half a thought, written while locked' });
    const draft = await db.get('drafts', 'session:s1');
    expect(draft && isSealed(draft) && draft.sealed.alg).toBe(ENVELOPE_ALGORITHM);
    await drafts.commit('session:s1', { kind: 'reflection', text: 'written while locked', sessionId: 's1' });
    expect(await db.get('drafts', 'session:s1')).toBeUndefined();
    const stored = await raw(db);
    for (const word of SECRET) expect(stored).not.toContain(word);

    await unlockJournal(db, PASS, 15, { now });
    const texts = (await entries.all()).map((entry) => entry.text);
    expect(texts).toEqual(expect.arrayContaining(['written while locked', 'Felt close to him 💛']));
  });

  it('a draft written while locked is restored after unlocking', async () => {
    const { db, drafts, now } = await journalWithWords();
    await turnLockOn(db, PASS, 15, { now });
    await lockJournal();
    await drafts.put('session:s2', { kind: 'reflection', text: 'unfinished, written while locked' });
    await unlockJournal(db, PASS, 15, { now });
    expect((await drafts.get('session:s2'))?.fields.text).toBe('unfinished, written while locked');
  });

  it('a wrong passphrase opens nothing, stores no key and changes nothing', async () => {
    const { db, entries, now } = await journalWithWords();
    await turnLockOn(db, PASS, 15, { now });
    await lockJournal();
    const before = await raw(db);
    await expect(unlockJournal(db, 'river stones', 15, { now })).rejects.toMatchObject({
      code: 'wrong-passphrase',
    });
    expect(await journalKeyItem.getValue()).toBeNull();
    await expect(entries.all()).rejects.toThrow(LockStateError);
    await expect(turnLockOff(db, 'not it')).rejects.toMatchObject({ code: 'wrong-passphrase' });
    await expect(changePassphrase(db, 'not it', 'new words here', 15)).rejects.toMatchObject({
      code: 'wrong-passphrase',
    });
    expect(await raw(db)).toBe(before);
  });

  it('locks itself after the chosen idle time, checked on every read and by the alarm', async () => {
    const { db, entries, tick, now } = await journalWithWords();
    await turnLockOn(db, PASS, 5, { now });
    tick(4 * 60_000);
    expect(await entries.all()).toHaveLength(1); // used: the idle clock starts again
    tick(4 * 60_000);
    expect(await entries.all()).toHaveLength(1);
    tick(5 * 60_000);
    await expect(entries.all()).rejects.toThrow(LockStateError);
    expect(await journalKeyItem.getValue()).toBeNull();

    // The alarm does the same with no page reading at all.
    await unlockJournal(db, PASS, 5, { now });
    await expireIdleJournalKey({ now: () => now() + 60_000 });
    expect(await journalKeyItem.getValue()).not.toBeNull();
    await expireIdleJournalKey({ now: () => now() + 5 * 60_000 });
    expect(await journalKeyItem.getValue()).toBeNull();
    expect(await fakeBrowser.alarms.get(AUTO_LOCK_ALARM)).toBeUndefined();
  });

  it('a browser restart (storage.session emptied) starts locked', async () => {
    const { db, now } = await journalWithWords();
    await turnLockOn(db, PASS, 0, { now });
    expect(await isJournalLocked(db, sessionJournalAccess({ now }))).toBe(false);
    await fakeBrowser.storage.session.clear();
    expect(await isJournalLocked(db, sessionJournalAccess({ now }))).toBe(true);
  });

  it('a page that opened before the lock was turned on never stores clear text after it', async () => {
    const { db, drafts, entries, now } = await journalWithWords();
    // This store read the lock as off; then the lock is turned on elsewhere and this browser locked.
    await drafts.put('manual', { kind: 'check-in', text: 'half a thought' });
    await turnLockOn(db, PASS, 15, { now });
    await lockJournal();
    await drafts.put('manual', { kind: 'check-in', text: 'half a thought, written while locked' });
    await entries.add({ kind: 'check-in', text: 'written while locked' });
    const stored = await raw(db);
    for (const word of SECRET) expect(stored).not.toContain(word);
  });

  it('a save racing the lock being turned on is sealed again for the new lock, never stored in clear', async () => {
    const { db, name, now } = await journalWithWords();
    // A page of its own (its own connection), whose first write reads the lock as off.
    const page = await openJournalDb(name);
    let raced = false;
    const racing = {
      async opener(meta: Parameters<ReturnType<typeof sessionJournalAccess>['opener']>[0]) {
        // The save read the lock as off and seals in clear; the lock is turned on before it writes.
        if (!meta && !raced) {
          raced = true;
          await turnLockOn(db, PASS, 15, { now });
          await lockJournal();
        }
        return sessionJournalAccess({ now }).opener(meta);
      },
    };
    await createDraftStore(page, now, racing).put('manual', {
      kind: 'check-in',
      text: 'written while locked',
    });
    expect(raced).toBe(true);
    const draft = await db.get('drafts', 'manual');
    expect(draft && isSealed(draft) && draft.sealed.alg).toBe(ENVELOPE_ALGORITHM);
    expect(await raw(db)).not.toContain('written while locked');
  });

  it('a draft a closing window sent in clear as the lock went on is sealed straight after', async () => {
    const { db, now } = await journalWithWords();
    await turnLockOn(db, PASS, 15, { now });
    // What a window that closed mid-change could have committed before it saw the lock:
    await db.put('drafts', {
      id: 'session:s9',
      updatedAt: 9,
      fields: { kind: 'reflection', text: 'meet again' },
    });
    const opener = await unlockJournal(db, PASS, 15, { now });
    expect(await sealLeftovers(db, opener)).toBe(1);
    expect(await raw(db)).not.toContain('meet again');
    expect(await sealLeftovers(db, opener)).toBe(0);
  });

  it('changing the passphrase re-seals everything (what was written while locked too); off gives it all back', async () => {
    const { db, entries, drafts, now } = await journalWithWords();
    await turnLockOn(db, PASS, 15, { now });
    await lockJournal();
    await entries.add({ kind: 'check-in', text: 'written while locked' });
    await changePassphrase(db, PASS, 'a new passphrase ☀️', 15, { now });
    await expect(unlockJournal(db, PASS, 15, { now })).rejects.toMatchObject({ code: 'wrong-passphrase' });
    expect((await entries.all()).map((entry) => entry.text).sort()).toEqual([
      'Felt close to him 💛',
      'written while locked',
    ]);
    // Re-sealed with the passphrase key: nothing is left in the envelope.
    expect(await raw(db)).not.toContain(ENVELOPE_ALGORITHM);

    await turnLockOff(db, 'a new passphrase ☀️');
    expect(await journalKeyItem.getValue()).toBeNull();
    expect(await db.getAll('lock-meta')).toEqual([]);
    expect(await raw(db)).toContain('written while locked');
    expect((await drafts.get('manual'))?.fields.text).toBe('half a thought');
  });

  it.each(['on', 'change', 'off'] as const)(
    'turning it %s, interrupted midway, leaves the journal fully as it was',
    async (step) => {
      const { db, entries, now } = await journalWithWords();
      await entries.add({ kind: 'okay', text: '' });
      if (step !== 'on') {
        await turnLockOn(db, PASS, 15, { now });
        await lockJournal();
        await entries.add({ kind: 'check-in', text: 'written while locked' });
      }
      const before = await raw(db);
      const keyBefore = await journalKeyItem.getValue();
      let puts = 0;
      const realPut = IDBObjectStore.prototype.put;
      vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
        this: IDBObjectStore,
        ...args: Parameters<IDBObjectStore['put']>
      ) {
        if (++puts === 3) throw new DOMException('The disk is full.', 'QuotaExceededError');
        return realPut.apply(this, args);
      });
      const run =
        step === 'on'
          ? turnLockOn(db, PASS, 15, { now })
          : step === 'change'
            ? changePassphrase(db, PASS, 'another one', 15, { now })
            : turnLockOff(db, PASS);
      await expect(run).rejects.toThrow('The disk is full.');
      vi.mocked(IDBObjectStore.prototype.put).mockRestore();
      expect(await raw(db)).toBe(before);
      expect(await journalKeyItem.getValue()).toEqual(keyBefore);
    },
  );

  it('an import while unlocked is sealed as it is written', async () => {
    const { db, entries, now } = await journalWithWords();
    await turnLockOn(db, PASS, 15, { now });
    await entries.putAll(
      [{ id: 'imported', createdAt: 5, updatedAt: 5, kind: 'check-in', text: 'imported words meet' }],
      [{ id: 'old-draft', updatedAt: 5, fields: { kind: 'check-in', text: 'imported draft' } }],
    );
    expect(await raw(db)).not.toContain('imported words');
    expect(await raw(db)).not.toContain('imported draft');
    expect((await entries.get('imported'))?.text).toBe('imported words meet');
  });
});
