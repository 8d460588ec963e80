/**
 * The journal database's name, on its own: a page that only needs the name (the popup warming the
 * store) must not pull in journal/db.ts, whose `idb` import comes with its top-level code.
 */
export const JOURNAL_DB_NAME = 'aftercare';
