import type { TFunction } from 'i18next';
import type { AppError } from '../../../src-shared/result';

/**
 * The sign-in error in the agent's language. UNAUTHENTICATED is what the offline path answers
 * when this workstation has never seen the work number (the first sign-in must be online).
 */
export const signInErrorText = (t: TFunction, e: AppError): string => {
  switch (e.code) {
    case 'BAD_CREDENTIALS':
    case 'ACCOUNT_DISABLED':
    case 'VALIDATION_FAILED':
      return t(`auth.errors.${e.code}`);
    case 'UNAUTHENTICATED':
      return t('auth.errors.FIRST_SIGN_IN_ONLINE');
    default:
      return t('auth.errors.other', { message: e.message });
  }
};
