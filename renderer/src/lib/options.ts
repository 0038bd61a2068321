/** A vocabulary (shared/domain/vocab.ts) as antd Select options: the words are both value and label. */
export interface Option {
  value: string | number;
  label: string;
}

export const vocabOptions = (list: readonly string[]): Option[] => list.map((v) => ({ value: v, label: v }));
