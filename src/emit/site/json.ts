/**
 * JSON that is safe inside a <script> element or a .js file: `<`, `>` and `&`
 * are escaped so `</script>` or `<!--` in list text cannot end the element,
 * and U+2028/U+2029 so older parsers do not read them as line ends.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
