/**
 * Ephemeral SIP credentials (Kamailio `auth_ephemeral`): the algorithm lives in the desk
 * server, which issues them to agents (`src-server/telephony/credentials.ts`); the lab
 * re-exports it to sign its own parties' credentials exactly the same way. This is the one
 * module of src-server the lab imports.
 */
export { ephemeralPassword, issueEphemeralCredential, verifyEphemeralCredential } from '../src-server/telephony/credentials';
export type { EphemeralCredential, EphemeralRefusal } from '../src-server/telephony/credentials';
