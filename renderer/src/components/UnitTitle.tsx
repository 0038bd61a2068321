/**
 * A column title with its unit, 年度计划（万元）: when the column is narrow the title breaks before the bracket, never
 * inside it. Chinese text may break between any two characters, so a narrow column read “年度计划（万” over “元）”;
 * the bracketed unit is kept whole (the text, and so the header's accessible name, stays the same).
 */
const UNIT_AT_END = /^(.+?)(（[^（）]+）)$/;

export function UnitTitle({ text }: { text: string }) {
  const m = UNIT_AT_END.exec(text);
  if (!m) return <>{text}</>;
  return (
    <>
      {m[1]}
      <span style={{ whiteSpace: 'nowrap' }}>{m[2]}</span>
    </>
  );
}
