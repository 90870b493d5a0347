/**
 * Article Markdown → HTML that can never run script: `marked` renders, DOMPurify keeps only
 * inert formatting (no script, event handlers, forms, frames, styles, images or `javascript:`
 * links; images would also fetch from outside). Links open outside the workstation.
 */
import DOMPurify from 'dompurify';
import { marked } from 'marked';

const FORBID_TAGS = ['style', 'script', 'iframe', 'frame', 'object', 'embed', 'form', 'input', 'button', 'textarea', 'select', 'img', 'picture', 'video', 'audio', 'source', 'svg', 'math', 'link', 'meta', 'base'];
const FORBID_ATTR = ['style', 'srcset', 'formaction', 'action', 'background', 'poster'];

let hooked = false;
const hookLinks = (): void => {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });
};

/** Sanitized HTML of an article body (see the module comment). */
export const renderArticleHtml = (markdown: string): string => {
  hookLinks();
  const html = marked.parse(markdown, { async: false, gfm: true, breaks: false });
  return DOMPurify.sanitize(html, { FORBID_TAGS, FORBID_ATTR, ALLOW_DATA_ATTR: false, ALLOWED_URI_REGEXP: /^(?:https?|mailto|tel|sip):/i });
};
