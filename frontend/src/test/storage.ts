/** Everything in localStorage, as key -> value. */
export function storedItems(): Record<string, string> {
  const items: Record<string, string> = {};
  for (let i = 0; i < localStorage.length; i += 1) {
    const key = localStorage.key(i);
    if (key !== null) items[key] = localStorage.getItem(key) ?? '';
  }
  return items;
}
