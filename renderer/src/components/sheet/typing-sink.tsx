/**
 * Where the keyboard rests in a sheet between edits: a small text box kept over the active cell.
 *
 * A Chinese input method only works in an element that takes text. While the keyboard sat on the grid or on a
 * cell (a div), Windows' 微软拼音 or 搜狗 were switched off there: the first letter of “nihao” reached the grid as a
 * plain “n”, opened the editor with it, and only the rest was composed — the cell got “n你好”-style text. With
 * this box holding the keyboard, the input method composes from the first key: the box shows the composition over
 * the cell (as WPS does), and the composed text opens the cell's editor with it, as a typed letter does.
 * Plain keys still reach the sheet's key handler first (they bubble from the box), which opens the editor or
 * moves the cursor exactly as before; only text the handler left alone (an input method's, Alt+number) arrives here.
 */
import { useEffect, useRef, type ReactElement, type RefObject } from 'react';

export interface TypingSink {
  /** rendered inside the grid's element (it must be inside, so the grid's keys and copy/paste stay the grid's) */
  element: ReactElement;
  /** the keyboard is in the box (an input method may be composing there) */
  holds: (el: Element | null) => boolean;
}

export interface TypingSinkHooks {
  /** the cursor rests on a cell that opens an editor when typed over (no editor open, not a live input) */
  idle: () => boolean;
  /** text composed over the cell: open its editor with it */
  typed: (text: string) => void;
}

export function useTypingSink(container: RefObject<HTMLElement | null>, hooks: TypingSinkHooks): TypingSink {
  const box = useRef<HTMLTextAreaElement>(null);
  const now = useRef(hooks);
  now.current = hooks;

  /** Over the active cell, so the input method's candidate list opens there and the composition covers the cell. */
  const place = () => {
    const el = box.current;
    const cell = container.current?.querySelector<HTMLElement>('.sheet-cursor, .cell-active');
    if (!el) return;
    const r = cell?.getBoundingClientRect() ?? container.current?.getBoundingClientRect();
    if (!r) return;
    el.style.left = `${r.left}px`;
    el.style.top = `${r.top}px`;
    el.style.width = `${Math.max(40, r.width)}px`;
    el.style.height = `${Math.max(20, r.height)}px`;
  };

  useEffect(() => {
    const grid = container.current;
    if (!grid) return;
    // The grid or a plain cell took the keyboard (a click, the code that scrolls the cursor into view): it moves on
    // to the box. Inputs, buttons and check boxes inside the grid keep it.
    const onFocusIn = (e: FocusEvent) => {
      const target = e.target as HTMLElement;
      if (target === box.current) return;
      if (target !== grid && target.getAttribute('role') !== 'gridcell') return;
      // An editor that just closed hands the keyboard to the grid before its state has left the page: idle only
      // on a later frame. A few frames are waited for, and the keyboard moves only if nothing else took it meanwhile.
      const settle = (frames: number) => {
        const el = box.current;
        if (!el || document.activeElement !== target) return;
        if (now.current.idle()) {
          place();
          el.focus({ preventScroll: true });
        } else if (frames > 0) requestAnimationFrame(() => settle(frames - 1));
      };
      settle(4);
    };
    grid.addEventListener('focusin', onFocusIn);
    return () => grid.removeEventListener('focusin', onFocusIn);
  }, [container]);

  const take = (el: HTMLTextAreaElement) => {
    const text = el.value;
    el.value = '';
    el.classList.remove('composing');
    if (text && now.current.idle()) now.current.typed(text);
  };

  const element = (
    <textarea
      ref={box}
      className="sheet-typing-sink"
      // The active cell is announced by the grid (aria-selected on the gridcell); the box is only a keyboard rest.
      aria-hidden
      tabIndex={-1}
      rows={1}
      spellCheck={false}
      autoComplete="off"
      onCompositionStart={(e) => {
        place();
        e.currentTarget.classList.add('composing');
      }}
      onCompositionEnd={(e) => take(e.currentTarget)}
      // text committed without a composition (an input method's direct commit, Alt+number)
      onInput={(e) => {
        if (!(e.nativeEvent as InputEvent).isComposing) take(e.currentTarget);
      }}
      onBlur={(e) => {
        e.currentTarget.value = '';
        e.currentTarget.classList.remove('composing');
      }}
    />
  );
  return { element, holds: (el) => !!el && el === box.current };
}
