// @vitest-environment happy-dom
/**
 * antd's built styles outlive the page that built them (renderer/src/app/kept-styles.ts): leaving a page and
 * coming back takes the style antd built at the first visit instead of building it again. With antd's own cache
 * the built style is dropped when its last component unmounts, which the second case shows, so this test fails
 * if a later antd stops writing its cache the way keptStyleCache expects.
 */
import { createCache, StyleProvider } from '@ant-design/cssinjs';
import { cleanup, render } from '@testing-library/react';
import { Tag } from 'antd';
import { afterEach, describe, expect, it } from 'vitest';
import { keptStyleCache } from '../../renderer/src/app/kept-styles.ts';

afterEach(() => {
  cleanup();
  document.body.innerHTML = '';
  document.head.innerHTML = '';
});

type Cache = ReturnType<typeof createCache>;
/** the built style of antd's Tag: the cache entry whose key names the component */
const tagStyle = (cache: Cache): [number, unknown] | undefined => {
  const entries = (cache as unknown as { cache: Map<string, [number, unknown]> }).cache;
  return [...entries].find(([key]) => key.startsWith('style%') && key.includes('Tag'))?.[1];
};
const visit = (cache: Cache) =>
  render(
    <StyleProvider cache={cache}>
      <Tag color="red">红</Tag>
    </StyleProvider>,
  );

describe('keptStyleCache: a style antd built stays built for the session', () => {
  it('keeps the Tag style after the page leaves, and the next visit takes that same style', () => {
    const cache = keptStyleCache();
    const page = visit(cache);
    const built = tagStyle(cache);
    expect(built?.[0]).toBe(1);
    page.unmount();
    expect(tagStyle(cache)).toEqual([0, built![1]]);
    visit(cache);
    expect(tagStyle(cache)?.[0]).toBe(1);
    expect(tagStyle(cache)?.[1]).toBe(built![1]); // the same object: not built again
  });

  it('antd’s own cache drops it (what keptStyleCache changes)', () => {
    const cache = createCache();
    const page = visit(cache);
    expect(tagStyle(cache)?.[0]).toBe(1);
    page.unmount();
    expect(tagStyle(cache)).toBeUndefined();
  });
});
