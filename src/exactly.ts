/**
 * `Exactly<A, B>`: `A` when the two unions hold the same members, else `never`. The option
 * checks use it to tie the list of options they check to the options' interface at compile time.
 *
 * @module
 */

/** `A` when `A` and `B` are the same union, else `never`. @internal */
export type Exactly<A, B> = [Exclude<A, B>, Exclude<B, A>] extends [never, never] ? A : never;
