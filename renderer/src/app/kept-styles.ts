/**
 * antd's styles, made once per session instead of at every visit to a page.
 *
 * antd 5 builds each component's CSS in JavaScript (@ant-design/cssinjs) and counts the components using it; when
 * the last one unmounts (the clerk leaves a page), the built style is dropped from the cache, though its <style>
 * tag stays in the document. The next visit builds it all again: on 月报填报 that was about a quarter of the time to
 * the first rows (the date picker, the select, the table, the check boxes, the tags). The app has one theme, so a
 * style once built stays right for the whole session: this cache keeps an entry whose count fell to zero, with its
 * count at zero, and the next component to mount takes it as it is.
 *
 * It goes through the cache's one writing method (`opUpdate`: an updater returning null means "drop"), which
 * StyleProvider's `cache` is built to take; tests/renderer/kept-styles.test.tsx fails if antd stops using it so.
 */
import { createCache } from '@ant-design/cssinjs';

type Entry = [times: number, value: unknown];
type Updater = (prev: Entry | undefined) => Entry | null;

export function keptStyleCache(): ReturnType<typeof createCache> {
  const cache = createCache();
  const write = cache.opUpdate.bind(cache) as (key: string, fn: Updater) => void;
  (cache as unknown as { opUpdate: (key: string, fn: Updater) => void }).opUpdate = (key, fn) =>
    write(key, (prev) => fn(prev) ?? (prev ? [0, prev[1]] : null));
  return cache;
}
