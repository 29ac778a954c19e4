/** 国办公开办函〔2019〕60号 — the trial format for reports on 2019 and 2020 (format-2019.md). */
import { REPORT_TITLE_SUFFIX, SECTIONS, T4, t3Table } from './common';
import type { BlockRowDef, BlockTableDef, FormatDefinition } from './types';

const ITEM_HEADERS = ['上一年项目数量', '本年增/减', '处理决定数量'];

function itemRow(id: string, label: string): BlockRowDef {
  return {
    id,
    label,
    cells: [
      { id: 'lastYearItems', kind: 'count' },
      { id: 'change', kind: 'signedCount' },
      { id: 'decisions', kind: 'count' },
    ],
  };
}

function documentRow(id: string, label: string): BlockRowDef {
  return {
    id,
    label,
    cells: [
      { id: 'made', kind: 'count' },
      { id: 'published', kind: 'count' },
      { id: 'totalPublic', kind: 'count' },
    ],
  };
}

const T2: BlockTableDef = {
  kind: 'blocks',
  id: 't2',
  labelWidth: 1.3,
  valueWidth: 1,
  blocks: [
    {
      title: '第二十条第（一）项',
      labelHeader: '信息内容',
      valueHeaders: ['本年新制作数量', '本年新公开数量', '对外公开总数量'],
      rows: [documentRow('regulations', '规章'), documentRow('normativeDocs', '规范性文件')],
    },
    {
      title: '第二十条第（五）项',
      labelHeader: '信息内容',
      valueHeaders: ITEM_HEADERS,
      rows: [itemRow('licensing', '行政许可'), itemRow('otherServices', '其他对外管理服务事项')],
    },
    {
      title: '第二十条第（六）项',
      labelHeader: '信息内容',
      valueHeaders: ITEM_HEADERS,
      rows: [itemRow('penalty', '行政处罚'), itemRow('enforcement', '行政强制')],
    },
    {
      title: '第二十条第（八）项',
      labelHeader: '信息内容',
      valueHeaders: ITEM_HEADERS.slice(0, 2),
      rows: [
        {
          id: 'fees',
          label: '行政事业性收费',
          cells: [
            { id: 'lastYearItems', kind: 'count' },
            { id: 'change', kind: 'signedCount' },
          ],
        },
      ],
    },
    {
      title: '第二十条第（九）项',
      labelHeader: '信息内容',
      valueHeaders: ['采购项目数量', '采购总金额'],
      rows: [
        {
          id: 'procurement',
          label: '政府集中采购',
          cells: [
            { id: 'projects', kind: 'count' },
            { id: 'amount', kind: 'amountYuan' },
          ],
        },
      ],
    },
  ],
};

export const GOV_2019: FormatDefinition = {
  id: 'GOV-2019',
  name: '2019 年试行格式',
  notice: '国办公开办函〔2019〕60号',
  title: REPORT_TITLE_SUFFIX,
  // 2019 has a fifth block, 第二十条第（九）项 (政府集中采购): the guidance of part 二 names it too.
  sections: SECTIONS.map((s) =>
    s.id === 's2' ? { ...s, guidance: `填写表格：第二十条第${T2.blocks.map((b) => /（.+?）/.exec(b.title)![0]).join('')}项规定的主动公开信息数量。表下可补充说明。` } : s,
  ),
  tables: {
    t2: T2,
    t3: t3Table({ id: 'other', group: true, label: '（六）其他处理' }),
    t4: T4,
  },
};
