/**
 * boot.js, the page's first script (an async module of a few KB, run as soon as it arrives, before app.js
 * and React have been downloaded and evaluated). Built on its own, it imports no chunk (which would queue
 * behind app.js's own over the browser's 6 connections). It does the two things that would otherwise wait for them:
 *  - preloads the chunks of the screen the address shows (the build lists them per screen in the page's
 *    <meta name="screen-chunks">), so they download beside app.js instead of after it;
 *  - starts the first screen's API requests (early.ts), so the data comes while the code is evaluated.
 */
import { startEarly } from './early';
import { pageFromHash } from './navigation';

/** The build's list: screen (`home`, `editor`, `tablePart`) → chunk files, relative to the page. */
function screenChunks(): Record<string, string[]> {
  try {
    const content = document.querySelector('meta[name="screen-chunks"]')?.getAttribute('content');
    return content ? (JSON.parse(content) as Record<string, string[]>) : {};
  } catch {
    return {}; // a page without the list (a development build) only loses the head start
  }
}

const page = pageFromHash(window.location.hash);
// the requests first: over HTTP/1.1 (browser mode) the browser opens 6 connections to the server and
// sends queued requests in order, so they must not wait behind the screen's two dozen chunks
startEarly(page);
const chunks = screenChunks();
const wanted = page.name === 'editor' ? ['editor', ...(page.view && /^s[234]$/.test(page.view) ? ['tablePart'] : [])] : ['home'];
const have = new Set([...document.querySelectorAll('link[rel="modulepreload"]')].map((l) => l.getAttribute('href')));
for (const file of wanted.flatMap((w) => chunks[w] ?? [])) {
  if (have.has(file)) continue;
  have.add(file);
  const link = document.createElement('link');
  link.rel = 'modulepreload';
  link.href = file;
  document.head.appendChild(link);
}
