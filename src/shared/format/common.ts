/**
 * The parts of the format that the 2019 trial format and the 2021 revision share: the six parts,
 * table T3 (except block （六）) and table T4. Labels are exact (format-2021.md).
 */
import type { HeaderNode, MatrixTableDef, RowNode, SectionDef } from './types';

export const REPORT_TITLE_SUFFIX = '政府信息公开工作年度报告';

export const SECTIONS: readonly SectionDef[] = [
  {
    id: 's1',
    heading: '一、总体情况',
    shortName: '总体情况',
    wordings: ['概述', '基本情况', '总体工作情况'],
    senses: ['总体', '概述', '基本情况'],
    scaffold: ['（一）主动公开', '（二）依申请公开', '（三）政府信息管理', '（四）政府信息公开平台建设', '（五）监督保障'],
    guidance:
      '按《中华人民共和国政府信息公开条例》第五十条，概述本机关本年度主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障等工作情况（政府还应报告工作考核、社会评议和责任追究结果情况）。内容应具体，不能遗漏，也不宜泛化；写明本年度的具体做法和数字，避免照抄上年。',
  },
  {
    id: 's2',
    heading: '二、主动公开政府信息情况',
    shortName: '主动公开',
    wordings: ['主动公开政府信息的情况', '主动公开情况'],
    senses: ['主动公开'],
    table: 't2',
    guidance: '填写表格：第二十条第（一）（五）（六）（八）项规定的主动公开信息数量。表下可补充说明。',
  },
  {
    id: 's3',
    heading: '三、收到和处理政府信息公开申请情况',
    shortName: '依申请公开',
    wordings: ['依申请公开政府信息情况', '依申请公开政府信息的情况', '依申请公开情况', '收到和处理政府信息公开申请的情况', '依申请公开政府信息和不予公开政府信息的情况'],
    senses: ['依申请', '收到和处理', '处理政府信息公开申请'],
    table: 't3',
    guidance:
      '填写表格：本年新收、上年结转的申请数量，按申请人类型分列办理结果和结转下年度数量。第一项加第二项之和，应等于第三项加第四项之和。',
  },
  {
    id: 's4',
    heading: '四、政府信息公开行政复议、行政诉讼情况',
    shortName: '复议诉讼',
    wordings: ['因政府信息公开申请行政复议、提起行政诉讼的情况', '因政府信息公开引起的行政复议、行政诉讼情况', '政府信息公开行政复议和行政诉讼情况'],
    senses: ['复议', '诉讼'],
    table: 't4',
    guidance: '填写表格：因政府信息公开引起的行政复议、行政诉讼的数量及结果。',
  },
  {
    id: 's5',
    heading: '五、存在的主要问题及改进情况',
    shortName: '问题改进',
    wordings: ['存在的主要问题及整改措施', '存在的主要问题和改进措施', '政府信息公开工作存在的主要问题及改进情况', '存在的问题及改进措施'],
    senses: ['问题'],
    scaffold: ['（一）存在的主要问题', '（二）改进情况'],
    guidance: '如实写明本年度政府信息公开工作存在的主要问题，以及上年度问题的整改情况和下一步改进措施。',
  },
  {
    id: 's6',
    heading: '六、其他需要报告的事项',
    shortName: '其他事项',
    wordings: ['其他需要报告的情况', '其他事项'],
    senses: ['其他需要报告', '其他需报告', '其他事项'],
    guidance:
      '报告依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费的情况，本年度政务公开工作要点落实情况，人大代表建议和政协提案办理结果公开情况等；没有的写“无。”。',
  },
];

/** T3 columns (申请人情况). */
export const T3_COLUMNS: readonly HeaderNode[] = [
  {
    label: '申请人情况',
    children: [
      { label: '自然人', id: 'natural' },
      {
        label: '法人或其他组织',
        children: [
          { label: '商业企业', id: 'business' },
          { label: '科研机构', id: 'research' },
          { label: '社会公益组织', id: 'publicInterest' },
          { label: '法律服务机构', id: 'legal' },
          { label: '其他', id: 'otherOrg' },
        ],
      },
      { label: '总计', id: 'total', totalRule: 't3.rowTotal' },
    ],
  },
];

export const T3_CORNER = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

/** T3 rows, with block （六） supplied by the revision. */
export function t3Rows(otherBlock: RowNode): readonly RowNode[] {
  return [
    { id: 'new', label: '一、本年新收政府信息公开申请数量', short: '一、本年新收' },
    { id: 'carriedIn', label: '二、上年结转政府信息公开申请数量', short: '二、上年结转' },
    {
      label: '三、本年度办理结果',
      children: [
        { id: 'granted', label: '（一）予以公开' },
        { id: 'partial', label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', short: '（二）部分公开' },
        {
          id: 'withheld',
          group: true,
          label: '（三）不予公开',
          children: [
            { id: 'stateSecret', label: '1.属于国家秘密' },
            { id: 'lawProhibited', label: '2.其他法律行政法规禁止公开' },
            { id: 'security', label: '3.危及“三安全一稳定”' },
            { id: 'thirdParty', label: '4.保护第三方合法权益' },
            { id: 'internalAffairs', label: '5.属于三类内部事务信息' },
            { id: 'process', label: '6.属于四类过程性信息' },
            { id: 'enforcementFile', label: '7.属于行政执法案卷' },
            { id: 'queryMatter', label: '8.属于行政查询事项' },
          ],
        },
        {
          id: 'unavailable',
          group: true,
          label: '（四）无法提供',
          children: [
            { id: 'notHeld', label: '1.本机关不掌握相关政府信息' },
            { id: 'needsCreation', label: '2.没有现成信息需要另行制作' },
            { id: 'unclear', label: '3.补正后申请内容仍不明确' },
          ],
        },
        {
          id: 'notProcessed',
          group: true,
          label: '（五）不予处理',
          children: [
            { id: 'petition', label: '1.信访举报投诉类申请' },
            { id: 'repeated', label: '2.重复申请' },
            { id: 'publication', label: '3.要求提供公开出版物' },
            { id: 'excessive', label: '4.无正当理由大量反复申请' },
            { id: 'confirmation', label: '5.要求行政机关确认或重新出具已获取信息' },
          ],
        },
        otherBlock,
        { id: 'resultTotal', label: '（七）总计', totalRule: 't3.resultTotal' },
      ],
    },
    { id: 'carriedOut', label: '四、结转下年度继续办理', short: '四、结转下年度' },
  ];
}

const T4_RESULT_COLUMNS = (totalRule: string): readonly HeaderNode[] => [
  { label: '结果维持', id: 'upheld' },
  { label: '结果纠正', id: 'corrected' },
  { label: '其他结果', id: 'other' },
  { label: '尚未审结', id: 'pending' },
  { label: '总计', id: 'total', totalRule },
];

export const T4: MatrixTableDef = {
  kind: 'matrix',
  id: 't4',
  labelColumns: 0,
  columns: [
    { label: '行政复议', id: 'review', children: T4_RESULT_COLUMNS('t4.total') },
    {
      label: '行政诉讼',
      children: [
        { label: '未经复议直接起诉', id: 'suitDirect', children: T4_RESULT_COLUMNS('t4.total') },
        { label: '复议后起诉', id: 'suitAfterReview', children: T4_RESULT_COLUMNS('t4.total') },
      ],
    },
  ],
  rows: [{ label: '', id: '' }],
  labelWidths: [],
  valueWidth: 1,
};

export function t3Table(otherBlock: RowNode): MatrixTableDef {
  return {
    kind: 'matrix',
    id: 't3',
    labelColumns: 3,
    corner: T3_CORNER,
    columns: T3_COLUMNS,
    rows: t3Rows(otherBlock),
    // label columns: A narrow (vertical 三、本年度办理结果), B, C; value columns equal
    labelWidths: [1.9, 2.6, 4.6],
    valueWidth: 1.27,
  };
}
