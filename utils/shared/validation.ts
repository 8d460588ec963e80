/** Shared checks for values read from storage, files or messages: anything may be in them. */

/** A plain object (not null, not an array): the only shape a stored record or file section has. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A list of strings as stored, or `fallback` when it is anything else. */
export const stringList = (value: unknown, fallback: string[]): string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : fallback;
