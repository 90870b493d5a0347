/**
 * Markdown to plain text, for indexing and snippets: no markup characters, link and image
 * text kept (their addresses dropped), code kept as text, one line per block. Not a
 * Markdown renderer: it only has to leave the words an agent reads.
 */

const PARK = 0xe000;
const PARKED = /[\ue000-\ue07f]/g;

const RULES: [RegExp, string][] = [
  [/<!--[\s\S]*?-->/g, ' '],
  [/^```[^\n]*$/gm, ''],
  [/^~~~[^\n]*$/gm, ''],
  [/!\[([^\]]*)\]\([^)]*\)/g, '$1'],
  [/\[([^\]]+)\]\([^)]*\)/g, '$1'],
  [/\[([^\]]+)\]\[[^\]]*\]/g, '$1'],
  [/^[ \t]{0,3}\[[^\]]+\]:[ \t]*\S+.*$/gm, ''],
  [/<\/?[a-zA-Z][^>]*>/g, ' '],
  [/^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/gm, '$1'],
  [/^[ \t]{0,3}>[ \t]?/gm, ''],
  [/^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?/gm, ''],
  [/^[ \t]{0,3}(?:[-*_][ \t]*){3,}$/gm, ''],
  [/^(?=[^\n]*\|)[ \t|:-]+$/gm, ''],
  [/[ \t]*\|[ \t]*/g, ' '],
  [/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2'],
  [/(^|[\s(["'“（])[*_](?=\S)([^*_\n]*?\S)[*_](?=$|[\s)\].,;:!?"'”，。；：！？）])/gm, '$1$2'],
  [/~~(?=\S)([\s\S]*?\S)~~/g, '$1'],
  [/`+([^`]*)`+/g, '$1'],
  [/\t| {2,}/g, ' '],
  [/ +\n|\n +/g, '\n'],
  [/\n{2,}/g, '\n'],
];

/** The plain text of a Markdown body (lines joined by `\n`, trimmed). */
export const stripMarkdown = (markdown: string): string => {
  // Escaped punctuation is parked in the private-use area so that no rule sees it as markup.
  let s = (markdown.includes('\r') ? markdown.replace(/\r\n?/g, '\n') : markdown).replace(/\\([\\`*_{}[\]()#+\-.!|>~])/g, (_, c: string) => String.fromCharCode(PARK + c.charCodeAt(0)));
  for (const [re, to] of RULES) s = s.replace(re, to);
  return s.replace(PARKED, (c) => String.fromCharCode(c.charCodeAt(0) - PARK)).trim();
};
