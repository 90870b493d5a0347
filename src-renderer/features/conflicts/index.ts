/** The conflict inbox: concurrent reassignments for people to decide. */
export { ConflictInbox } from './ConflictInbox';
