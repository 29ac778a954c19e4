/** 国办公开办函〔2021〕30号 — the format for reports on 2021 and later (format-2021.md). */
import { REPORT_TITLE_SUFFIX, SECTIONS, T4, t3Table } from './common';
import type { BlockTableDef, FormatDefinition } from './types';

const VALUE_HEADER_DECISIONS = '本年处理决定数量';

const T2: BlockTableDef = {
  kind: 'blocks',
  id: 't2',
  labelWidth: 1.3,
  valueWidth: 1,
  blocks: [
    {
      title: '第二十条第（一）项',
      labelHeader: '信息内容',
      valueHeaders: ['本年制发件数', '本年废止件数', '现行有效件数'],
      rows: [
        {
          id: 'regulations',
          label: '规章',
          cells: [
            { id: 'issued', kind: 'count' },
            { id: 'repealed', kind: 'count' },
            { id: 'inForce', kind: 'count' },
          ],
        },
        {
          id: 'normativeDocs',
          label: '行政规范性文件',
          cells: [
            { id: 'issued', kind: 'count' },
            { id: 'repealed', kind: 'count' },
            { id: 'inForce', kind: 'count' },
          ],
        },
      ],
    },
    {
      title: '第二十条第（五）项',
      labelHeader: '信息内容',
      valueHeaders: [VALUE_HEADER_DECISIONS],
      rows: [{ id: 'licensing', label: '行政许可', cells: [{ id: 'decisions', kind: 'count' }] }],
    },
    {
      title: '第二十条第（六）项',
      labelHeader: '信息内容',
      valueHeaders: [VALUE_HEADER_DECISIONS],
      rows: [
        { id: 'penalty', label: '行政处罚', cells: [{ id: 'decisions', kind: 'count' }] },
        { id: 'enforcement', label: '行政强制', cells: [{ id: 'decisions', kind: 'count' }] },
      ],
    },
    {
      title: '第二十条第（八）项',
      labelHeader: '信息内容',
      valueHeaders: ['本年收费金额（单位：万元）'],
      rows: [{ id: 'fees', label: '行政事业性收费', cells: [{ id: 'amount', kind: 'amountWanYuan' }] }],
    },
  ],
};

export const GOV_2021: FormatDefinition = {
  id: 'GOV-2021',
  name: '2021 年格式',
  notice: '国办公开办函〔2021〕30号',
  title: REPORT_TITLE_SUFFIX,
  sections: SECTIONS,
  tables: {
    t2: T2,
    t3: t3Table({
      id: 'other',
      group: true,
      label: '（六）其他处理',
      children: [
        { id: 'overdueCorrection', label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请' },
        { id: 'overdueFee', label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请' },
        { id: 'other', label: '3.其他' },
      ],
    }),
    t4: T4,
  },
};
