/** f once per distinct key, within one use-case (batch imports ask about the same few names thousands of times). */
export function memoized<K, V>(f: (key: K) => V): (key: K) => V {
  const seen = new Map<K, V>();
  return (key) => {
    if (!seen.has(key)) seen.set(key, f(key));
    return seen.get(key)!;
  };
}
