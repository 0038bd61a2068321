/**
 * Appends to the list kept under `key`, creating it on first use. In place: rebuilding the list with a spread
 * on every row is quadratic, and a category of 10,000 county projects made that seconds.
 */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
