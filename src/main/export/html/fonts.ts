/**
 * Font families and page margins for the HTML export, taken from the typography module so that the web
 * page names the same fonts as the .docx, each followed by its fallbacks.
 */
import type { HtmlFonts } from './styles';

// Provisional until src/main/export/typography.ts lands (see typography.md); then read from it.
export const PAGE_MARGINS_MM = { top: 37, bottom: 35, left: 28, right: 26 } as const;

export function htmlFonts(): HtmlFonts {
  return {
    title: ['方正小标宋简体', '小标宋', 'SimSun', 'serif'],
    body: ['仿宋_GB2312', '仿宋', 'FangSong', 'STFangsong', 'serif'],
    heading1: ['黑体', 'SimHei', 'sans-serif'],
    heading2: ['楷体_GB2312', '楷体', 'KaiTi', 'STKaiti', 'serif'],
    table: ['仿宋_GB2312', '仿宋', 'FangSong', 'STFangsong', 'serif'],
  };
}
