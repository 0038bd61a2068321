// @vitest-environment happy-dom
/**
 * The year box (components/YearInput.tsx) never changes what the clerk typed: antd's InputNumber with min 1900 turned
 * a typed “17” (meaning 2017) into 1900 on leaving the box, silently — a project saved under 1900, an import read as
 * 1900. In a form the contract's year rule says what is wrong; a box that drives the page (考核年度, the import's
 * 年度) passes on only a year in range and says why it did not.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Form } from 'antd';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { YearInput, yearRule } from '../../renderer/src/components/YearInput.tsx';

afterEach(cleanup);

const box = () => screen.getByRole('spinbutton') as HTMLInputElement;
const typeAndLeave = (text: string) => {
  fireEvent.focus(box());
  fireEvent.change(box(), { target: { value: text } });
  fireEvent.blur(box());
};

describe('YearInput', () => {
  it('in a form: “17” stays 17 and the rule says the year is wrong; 2017 passes', async () => {
    let form: ReturnType<typeof Form.useForm>[0] | null = null;
    function Page() {
      const [f] = Form.useForm();
      form = f;
      return (
        <Form form={f}>
          <Form.Item name="fiscalYear" label="年度" rules={[yearRule('年度')]}>
            <YearInput />
          </Form.Item>
        </Form>
      );
    }
    render(<Page />);
    typeAndLeave('17');
    expect(box().value).toBe('17');
    await expect(form!.validateFields()).rejects.toMatchObject({
      errorFields: [{ errors: ['年度不能早于1900年'] }],
    });
    expect(form!.getFieldValue('fiscalYear')).toBe(17);
    typeAndLeave('2017');
    await expect(form!.validateFields()).resolves.toEqual({ fiscalYear: 2017 });
  });

  it('driving the page: only a year in range is passed on, and the box says why “17” was not', async () => {
    const seen: (number | null)[] = [];
    function Page() {
      const [year, setYear] = useState(2017);
      return (
        <YearInput
          aria-label="考核年度"
          standalone="考核年度"
          value={year}
          onChange={(v) => {
            seen.push(v);
            if (v) setYear(v);
          }}
        />
      );
    }
    render(<Page />);
    typeAndLeave('17');
    expect(box().value).toBe('17');
    expect(seen).toEqual([]);
    await waitFor(() => expect(document.body.textContent).toContain('考核年度不能早于1900年'));
    typeAndLeave('2018');
    expect(seen).toEqual([2018]);
    expect(box().value).toBe('2018');
  });
});
