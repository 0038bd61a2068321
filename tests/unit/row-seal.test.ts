/**
 * A row's seal is what every ledger file already holds: the encoding hashed must never change, however rowMac
 * is made quicker (a seal computed differently would make verify report every row of every ledger as edited).
 * The expected values were computed by the first implementation, which hashed value by value with a Buffer key.
 */
import { describe, expect, it } from 'vitest';
import { rowMac } from '../../electron/core/audit/row-seal.ts';

const key = Buffer.from('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', 'hex');

describe('row seals', () => {
  it('seal every kind of value as the ledgers already sealed them', () => {
    expect(
      rowMac(key, 'project', '42', [
        null,
        12345n,
        0.5,
        '蒲州镇道路硬化工程',
        Buffer.from([1, 2, 3]),
        '',
        -7n,
        undefined,
      ]),
    ).toBe(-8687762013919402792n);
    expect(rowMac(key, 'funding_plan', '["7"]', [])).toBe(3560807369557291835n);
  });

  it('tell apart values that only differ in kind or in where one ends', () => {
    const seal = (values: unknown[]) => rowMac(key, 'project', '1', values);
    expect(seal(['1'])).not.toBe(seal([1n]));
    expect(seal(['ab', 'c'])).not.toBe(seal(['a', 'bc']));
    expect(seal([null])).not.toBe(seal(['']));
  });
});
