/**
 * HTML (a report page saved from a government site, or a CMS fragment) → the neutral model. The page is
 * parsed with htmlparser2 into a small tree (nesting deeper than MAX_NESTING is refused), scripts, styles
 * and navigation are dropped, layout tables are read as containers, and the article is found as the
 * element that holds the report's part headings; site chrome (字号、打印、浏览次数、分享、关闭窗口…)
 * around or inside it is left out.
 */
import { Parser } from 'htmlparser2';
import { AppError } from '../../shared/errors';
import { MAX_BLOCKS, MAX_NESTING, MAX_ROW_CELLS, MAX_SPAN, MAX_TABLE_ROWS } from './limits';
import { cell, type SourceBlock, type SourceDocument, type SourceRow } from './model';
import { isOrOpensWithHeading, looksLikeTitle } from './structure';

interface El {
  tag: string;
  attrs: Record<string, string>;
  children: (El | string)[];
}

const DROPPED = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'canvas', 'nav', 'aside',
  'form', 'button', 'select', 'textarea', 'input', 'head', 'map', 'audio', 'video',
]);
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul',
  'ol', 'dl', 'dt', 'dd', 'blockquote', 'pre', 'center', 'figure', 'figcaption', 'address', 'hr', 'body', 'html',
  'tr', 'td', 'th', 'caption', 'tbody', 'thead', 'tfoot', 'table',
]);

/** Short lines of page furniture that are not part of any report. */
const CHROME =
  /字号|打印|浏览次数|浏览量|访问量|阅读次数|阅读量|分享到|分享|关闭窗口|关闭本页|收藏本页|加入收藏|扫一扫|手机扫|返回顶部|上一篇|下一篇|发布时间|发布日期|来源[:：]|信息来源|责任编辑|【\s*[大中小]\s*】|^\s*[大中小]\s*$/;
const MAX_CHROME_CHARS = 60;

function parseTree(html: string): { root: El; title: string } {
  const root: El = { tag: '#root', attrs: {}, children: [] };
  const stack: El[] = [root];
  let title = '';
  let inTitle = false;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (name === 'title') inTitle = true;
        const el: El = { tag: name, attrs: attribs, children: [] };
        stack[stack.length - 1]!.children.push(el);
        stack.push(el);
        if (stack.length > MAX_NESTING)
          throw new AppError('unsupported_file', `该网页的标签嵌套超过 ${MAX_NESTING} 层，不像正常的报告页面，已拒绝导入。`);
      },
      ontext(text) {
        if (inTitle) title += text;
        const top = stack[stack.length - 1]!;
        const last = top.children[top.children.length - 1];
        if (typeof last === 'string') top.children[top.children.length - 1] = last + text;
        else top.children.push(text);
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false;
        // htmlparser2 closes implied elements itself; pop to the matching element
        for (let i = stack.length - 1; i > 0; i--) {
          if (stack[i]!.tag === name) {
            stack.length = i;
            break;
          }
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  return { root, title: title.trim() };
}

const hidden = (el: El) => /display\s*:\s*none|visibility\s*:\s*hidden/i.test(el.attrs.style ?? '') || 'hidden' in el.attrs;

const span = (v: string | undefined) => Math.min(MAX_SPAN, Math.max(1, Number.parseInt(v ?? '1', 10) || 1));

function containsTag(el: El, tag: string): boolean {
  return el.children.some((c) => typeof c !== 'string' && (c.tag === tag || containsTag(c, tag)));
}

function rowsOf(table: El): El[] {
  const out: El[] = [];
  const walk = (el: El) => {
    for (const c of el.children) {
      if (typeof c === 'string' || DROPPED.has(c.tag) || c.tag === 'table') continue;
      if (c.tag === 'tr') out.push(c);
      else walk(c);
    }
  };
  walk(table);
  return out;
}

/** A table used for page layout (nesting another table, or a single cell) is read as a container. */
function isLayoutTable(table: El): boolean {
  if (containsTag(table, 'table')) return true;
  const rows = rowsOf(table);
  return rows.length <= 1 && rows.every((r) => r.children.filter((c) => typeof c !== 'string' && (c.tag === 'td' || c.tag === 'th')).length <= 1);
}

const collapse = (s: string) => s.replace(/[ \t\n\r\f]+/g, ' ');
const trimAll = (s: string) => s.replace(/^[\s\u00A0\u3000]+|[\s\u00A0\u3000]+$/g, '');

/** Text of an element, with line breaks where blocks and <br> break it. */
function textOf(el: El): string {
  let out = '';
  const walk = (e: El) => {
    for (const c of e.children) {
      if (typeof c === 'string') out += collapse(c);
      else if (DROPPED.has(c.tag) || hidden(c)) continue;
      else if (c.tag === 'br') out += '\n';
      else {
        const block = BLOCK.has(c.tag);
        if (block) out += '\n';
        walk(c);
        if (block) out += '\n';
      }
    }
  };
  walk(el);
  return out
    .split('\n')
    .map(trimAll)
    .filter(Boolean)
    .join('\n');
}

interface PlacedBlock {
  block: SourceBlock;
  /** Ancestor elements, outermost first. */
  path: El[];
}

function collectBlocks(root: El): PlacedBlock[] {
  const out: PlacedBlock[] = [];
  const path: El[] = [];
  let para = '';
  const flush = () => {
    for (const line of para.split('\n')) {
      const text = trimAll(line);
      if (text) out.push({ block: { kind: 'paragraph', text }, path: [...path] });
    }
    para = '';
    if (out.length > MAX_BLOCKS) throw new AppError('too_large', '该网页的段落过多，已拒绝导入。');
  };
  const walk = (el: El) => {
    for (const c of el.children) {
      if (typeof c === 'string') {
        para += collapse(c);
        continue;
      }
      if (DROPPED.has(c.tag) || hidden(c)) continue;
      if (c.tag === 'br') {
        para += '\n';
        continue;
      }
      if (c.tag === 'table' && !isLayoutTable(c)) {
        flush();
        const rows: SourceRow[] = rowsOf(c)
          .slice(0, MAX_TABLE_ROWS)
          .map((tr) =>
            tr.children
              .filter((x): x is El => typeof x !== 'string' && (x.tag === 'td' || x.tag === 'th') && !hidden(x))
              .slice(0, MAX_ROW_CELLS)
              .map((td) => cell(textOf(td), span(td.attrs.colspan), span(td.attrs.rowspan))),
          )
          .filter((r) => r.length > 0);
        path.push(c);
        if (rows.length) out.push({ block: { kind: 'table', rows }, path: [...path] });
        path.pop();
        continue;
      }
      const block = BLOCK.has(c.tag);
      if (block) flush();
      path.push(c);
      walk(c);
      if (block) flush();
      path.pop();
    }
  };
  walk(root);
  flush();
  return out;
}

/** The deepest element that is an ancestor of every given block. */
function commonAncestor(blocks: PlacedBlock[]): El | null {
  if (blocks.length === 0) return null;
  let common = blocks[0]!.path;
  for (const b of blocks.slice(1)) {
    let i = 0;
    while (i < common.length && i < b.path.length && common[i] === b.path[i]) i++;
    common = common.slice(0, i);
  }
  // the element holding the headings, not the heading element itself
  return common[common.length - 1] ?? null;
}

export function readHtml(html: string): SourceDocument {
  const { root, title } = parseTree(html);
  const all = collectBlocks(root);
  const notes: string[] = [];
  const headings = all.filter((b) => b.block.kind === 'paragraph' && isOrOpensWithHeading(b.block.text));
  const article = headings.length >= 2 ? commonAncestor(headings) : null;
  const inArticle = (b: PlacedBlock) => !article || b.path.includes(article);
  // a title printed above the content area, outside the article element
  const firstInArticle = all.findIndex(inArticle);
  const titleAbove = all
    .slice(0, Math.max(0, firstInArticle))
    .filter((b) => b.block.kind === 'paragraph' && looksLikeTitle(b.block.text))
    .pop();
  let chrome = 0;
  let outside = 0;
  const blocks: SourceBlock[] = [];
  for (const b of all) {
    if (!inArticle(b)) {
      if (b !== titleAbove) outside++;
      continue;
    }
    if (b.block.kind === 'paragraph' && b.block.text.length <= MAX_CHROME_CHARS && CHROME.test(b.block.text)) {
      chrome++;
      continue;
    }
    blocks.push(b.block);
  }
  if (outside) notes.push(`已忽略正文区域以外的网页内容 ${outside} 处（导航、栏目、页脚等）`);
  if (chrome) notes.push(`已忽略网页栏目文字 ${chrome} 处（如字号、打印、浏览次数等）`);
  const titleHint = (titleAbove?.block.kind === 'paragraph' ? titleAbove.block.text : undefined) ?? (looksLikeTitle(title) ? title.split(/[_|｜]|\s-\s/)[0] : undefined);
  return { source: 'html', blocks, titleHint, notes };
}
