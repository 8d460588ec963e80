/** The draft of a check-in that did not follow a session (from the toolbar, say). */
export const MANUAL_DRAFT_ID = 'manual';

/**
 * One draft per session, so reopening the same session's window finds its own words. On its own
 * so that the background can name a draft without loading the journal's code.
 */
export function draftIdFor(sessionId: string | null | undefined): string {
  return sessionId ? `session:${sessionId}` : MANUAL_DRAFT_ID;
}
