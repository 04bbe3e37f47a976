/**
 * Text from models (or people) put into an exported Markdown file without live links. Every link
 * form of CommonMark and GitHub Markdown that could carry a `javascript:` or `data:` address needs
 * a `[` (inline, reference and image links, link definitions) or a `<` (autolinks, raw HTML); GFM's
 * bare autolinks only make http(s) and mailto links. So `[`, `]` and `<` are backslash-escaped, and
 * backslashes too (else a reply's own `\[` would turn the escape around). The text reads the same
 * once rendered; inside code, where Markdown keeps backslashes, the escapes show. Telling code
 * apart would mean agreeing with every renderer on where code ends, and a disagreement would leave
 * a live link, so safety wins over looks.
 */

const SYNTAX = /[\\[\]<]/g;

/** Text with every backslash, bracket and `<` escaped, so no link, image, autolink or HTML can form. */
export function inertMarkdown(text: string): string {
  return text.replace(SYNTAX, (c) => `\\${c}`);
}
