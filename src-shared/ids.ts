import { v7 } from 'uuid';

/** A new time-ordered id (UUIDv7), made on whichever side creates the record. */
export const newId = (): string => v7();

/** Matches a UUID of any version (ids from other systems are accepted too). */
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
