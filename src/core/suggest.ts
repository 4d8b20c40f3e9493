import { distance } from 'fastest-levenshtein';

/** The candidate closest to `value` by edit distance, if close enough to be a likely typo. */
export function closest(value: string, candidates: Iterable<string>, maxRatio = 0.5): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = distance(value, c);
    if (d < bestDistance || (d === bestDistance && best !== undefined && c < best)) {
      best = c;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  return bestDistance <= Math.max(1, Math.floor(Math.max(value.length, best.length) * maxRatio)) ? best : undefined;
}

/** The message data that offers a guess: `suggestion` (中文) and `suggestion_en`, empty without one. */
export function suggestionData(guess: string | undefined): { suggestion: string; suggestion_en: string } {
  return guess ? { suggestion: `（是否为“${guess}”？）`, suggestion_en: ` (did you mean "${guess}"?)` } : { suggestion: '', suggestion_en: '' };
}
