import { err, type Result } from '../../src-shared/result';

/**
 * Runs a command and answers its Result; a throw (which commands should never do) becomes an
 * INTERNAL error, so a screen never stays stuck on "Saving…".
 */
export const attempt = async <T>(fn: () => Promise<Result<T>>): Promise<Result<T>> => {
  try {
    return await fn();
  } catch (e) {
    return err('INTERNAL', e instanceof Error ? e.message : String(e));
  }
};
