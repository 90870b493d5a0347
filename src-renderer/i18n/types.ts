import type { en } from './en';

/** The same nested keys as `T`, every leaf a string: what a translation must provide. */
export type Shape<T> = { readonly [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** What every language's resource object must look like (the English keys). */
export type Translation = Shape<typeof en>;
