/**
 * Agency name and year from the title, and a guess of the agency level from the name. The level is
 * always reported as a guess: the name alone cannot tell a county-level city from a prefecture city.
 */
import type { AgencyLevel } from '../../shared/agency';
import { REPORT_TITLE_SUFFIX } from '../../shared/format/common';
import { yearIn } from './normalize';

const YEAR = /(20\d\d|[二][〇零ＯO一二三四五六七八九]{3})\s*年度?/;

/** A web page's breadcrumb ("当前位置：首页 > 政务公开 > …"), copied along with the article. */
const BREADCRUMB = /^(当前位置|您的位置|您现在的位置|你的位置|所在位置|位置)\s*[:：]\s*/;
/** A field label a crawler or a CMS puts before the article's title. */
const TITLE_LABEL = /^(文章标题|信息名称|标题|题目|名称)\s*[:：]\s*/;

/**
 * A line of the page around the title without its furniture: a markdown `#`, a "标题：" label, and a
 * breadcrumb — reduced to its last step when that is the report's title, else to nothing.
 */
export function stripFurniture(line: string): string {
  let t = line.trim().replace(/^#{1,6}\s*/, '');
  if (BREADCRUMB.test(t)) {
    const last = t.replace(BREADCRUMB, '').split(/\s*[>＞›»→]\s*/).pop()?.trim() ?? '';
    t = YEAR.test(last.replace(/\s+/g, '')) && last.includes('报告') ? last : '';
  }
  return t.replace(TITLE_LABEL, '').trim();
}

/**
 * "市教育局2020年政府信息公开工作年度报告", "2023年XX区人民政府政府信息公开工作年度报告",
 * "XX县人民政府关于2021年度政府信息公开工作的年度报告" → agency and year.
 */
export function parseTitle(title: string): { agency: string | null; year: number | null } {
  const t = stripFurniture(title).replace(/[\s\u00A0\u3000]+/g, '');
  const year = yearIn(t);
  const m = YEAR.exec(t);
  let agency = '';
  if (m) {
    const before = t.slice(0, m.index).replace(/关于$/, '');
    const after = t.slice(m.index + m[0].length);
    agency = before || after.replace(/(关于)?(政府信息公开|政务公开).*$/, '');
    if (!before) {
      // "2023年XX区人民政府政府信息公开…": the agency is what precedes the document name
      const idx = after.indexOf(REPORT_TITLE_SUFFIX.slice(0, 6));
      agency = idx > 0 ? after.slice(0, idx) : agency;
    }
  }
  agency = agency.replace(/^[《“"]|[》”"]$/g, '').replace(/[的关于]+$/, '');
  return { agency: agency || null, year };
}

// 城区 (主城区) is no unit, but 东城区 and 西城区 (Beijing's districts) are
const NOT_UNITS = /城乡|乡村|城镇|乡镇企业|市场|城市|都市|超市|区域|社区|小区|景区|园区|辖区|片区|(?<![东西])城区|市民|市政/g;
/** The four municipalities directly under the central government: their 市 is a province. */
const MUNICIPALITY = /^(北京|天津|上海|重庆)市/;

/** The agency level suggested by the name, or null when nothing in it tells. */
export function guessLevel(name: string): AgencyLevel | null {
  const n = name.replace(NOT_UNITS, '··').replace(/自治区/g, '省');
  const government = /(人民政府|政府|办事处)$/.test(n) && !/办公室$/.test(n);
  const units: [RegExp, 'township' | 'county' | 'city' | 'province'][] = [
    [/(乡|镇|街道)/g, 'township'],
    [/(县|区|旗)/g, 'county'],
    [/(市|州|盟|地区)/g, 'city'],
    [/省/g, 'province'],
  ];
  let best: { at: number; unit: 'township' | 'county' | 'city' | 'province' } | null = null;
  for (const [re, unit] of units) {
    for (const m of n.matchAll(re)) if (!best || m.index! > best.at) best = { at: m.index!, unit };
  }
  if (!best) return null;
  if (best.unit === 'township') return 'township';
  // 北京市教育委员会, 上海市财政局, 重庆市人民政府办公厅: the municipality's own bodies are province-level
  const unit = best.unit === 'city' && MUNICIPALITY.test(n) && best.at === 2 ? 'province' : best.unit;
  return government ? unit : `${unit}-department`;
}

/**
 * A title that names the agency without its place ("市教育局") is completed from the place the text
 * itself names with the same unit and mentions most often ("抚顺市政务公开网", "抚顺教育网" → 抚顺市教育局). Two-character place
 * names only: the text has no delimiter to tell where a longer one starts. The caller reports it as a guess.
 */
export function completeAgencyName(name: string, texts: readonly string[]): string | null {
  const unit = /^(市|县|区)/.exec(name)?.[1];
  if (!unit) return null;
  const counts = new Map<string, number>();
  const re = new RegExp(`(\\p{Script=Han}{2})${unit}(?:人民政府|政府|政务|人大|政协|委员会)`, 'gu');
  for (const t of texts)
    for (const m of t.matchAll(re)) {
      const place = m[1]!;
      if (/[省市县区的和与、在到对及了为是]/u.test(place)) continue;
      counts.set(place, (counts.get(place) ?? 0) + 1);
    }
  // a place name recurs on its own (抚顺教育网, 抚顺政府网); a word that happens to precede 市 does not
  const all = texts.join('\n');
  const score = (place: string) => all.split(place).length - 1;
  const best = [...counts].sort((a, b) => score(b[0]) - score(a[0]) || b[1] - a[1])[0];
  return best ? `${best[0]}${name}` : null;
}
