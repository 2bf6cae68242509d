/**
 * `picked` with `item` switched on or off, in the order of `all` (a vocabulary's), so that an
 * edit that changes nothing sends the list as it was.
 */
export function toggled<T extends string>(all: readonly T[], picked: readonly T[], item: T, on: boolean): T[] {
  return all.filter((known) => (known === item ? on : picked.includes(known)));
}
