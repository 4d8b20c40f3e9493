/**
 * Department names mentioned in free text, as in the task table's 区级单位
 * column: "区市场监管局牵头，区司法局、区经信局配合，各单位依职责负责".
 * The text is cut at list punctuation and at role words; every piece that
 * begins with 区 (or is a registered name) is a mention.
 */

export interface Mention {
  text: string;
  start: number;
  end: number;
}

const CUT = /[、，,；;。：:\s（）()]|牵头|配合|等单位|等各相关单位|等|依职责负责|负责|参与/g;

export function departmentMentions(text: string, prefix = '区'): Mention[] {
  const mentions: Mention[] = [];
  let last = 0;
  const take = (from: number, to: number) => {
    const piece = text.slice(from, to);
    if (piece.startsWith(prefix) && piece.length >= 2) mentions.push({ text: piece, start: from, end: to });
  };
  for (const m of text.matchAll(CUT)) {
    take(last, m.index);
    last = m.index + m[0].length;
  }
  take(last, text.length);
  return mentions;
}
