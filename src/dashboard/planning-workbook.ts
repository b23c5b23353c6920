import ExcelJS from 'exceljs';
import type { WorkforceForecast } from '../planning/forecast.model.js';
import type { WorkforceProgress } from '../planning/progress.model.js';
import type { RegionRatio, StaffingRatios } from '../planning/ratios.model.js';
import { PopulationBasis } from '../regions/region.enums.js';
import { TrainingAudience } from '../training/training.enums.js';
import type { TrainingProgress } from '../training/training.model.js';
import { Occupation, TEAM_OF, Team } from '../workforce/workforce.enums.js';

/** Everything the planning workbook shows, already scoped to the caller by the services that produced it. */
export interface PlanningWorkbookData {
  asOf: string;
  /** The region the workbook covers (a district planner's own); null for the whole city. */
  regionCode: string | null;
  /** Chinese names of the regions, by code. */
  regionNames: ReadonlyMap<string, string>;
  ratios: StaffingRatios;
  progress: WorkforceProgress;
  training: TrainingProgress;
  forecast: WorkforceForecast;
  horizonYear: number;
  /** Stored as the file's creation time; passed in so that the same data always gives the same workbook. */
  generatedAt: Date;
}

export const SHEET = {
  ratios: '配备比例',
  progress: '队伍进度',
  training: '培训',
  forecast: '预测',
  about: '说明',
} as const;

/** Section titles: each section is a title row, a Chinese and an English header row, then its rows. */
export const SECTION = {
  ratios: '社会工作者配备比例',
  headcount: '在岗人数',
  byTeam: '按队伍',
  byOccupation: '按职业',
  targets: '目标进度',
  monthly: '月度人数',
  trainingSummary: '培训概况',
  byAudience: '按培训对象',
  byMonth: '按月份',
  byRegion: '按区县',
  forecastTargets: '目标达成',
  assumptions: '预测假设',
  series: '月度预测',
  totals: '月度总人数',
} as const;

export const CITY_NAME = '重庆市（全市）';

const TEAM_ZH: Record<Team, string> = {
  [Team.CARE]: '养老护理队伍',
  [Team.PROFESSIONAL_TECHNICAL]: '专业技术队伍',
  [Team.MANAGEMENT]: '经营管理队伍',
};

const OCCUPATION_ZH: Record<Occupation, string> = {
  [Occupation.CAREGIVER]: '养老护理员',
  [Occupation.SOCIAL_WORKER]: '社会工作者',
  [Occupation.CAPABILITY_ASSESSOR]: '老年人能力评估员',
  [Occupation.MEDICAL]: '医生',
  [Occupation.NURSE]: '护士',
  [Occupation.REHABILITATION]: '康复人员',
  [Occupation.NUTRITION]: '营养人员',
  [Occupation.PSYCHOLOGICAL_COUNSELOR]: '心理咨询人员',
  [Occupation.DIRECTOR]: '院长',
  [Occupation.MANAGER]: '管理人员',
};

const AUDIENCE_ZH: Record<TrainingAudience, string> = {
  [TrainingAudience.CAREGIVER]: '养老护理员',
  [TrainingAudience.DIRECTOR]: '养老院院长',
  [TrainingAudience.SOCIAL_WORKER]: '养老服务社会工作者',
  [TrainingAudience.CAPABILITY_ASSESSOR]: '老年人能力评估员',
  [TrainingAudience.OTHER]: '其他',
};

const BASIS_ZH: Record<PopulationBasis, string> = {
  [PopulationBasis.CENSUS]: '人口普查',
  [PopulationBasis.OFFICIAL_ESTIMATE]: '官方估算',
  [PopulationBasis.DEMO_ESTIMATE]: '演示估算',
};

const COUNT = '#,##0';
/** Ratios are given to four decimals; the cells show all four (a planner may round for a report). */
const RATIO = '0.0000';
const SHARE = '0.00%';

type Cell = string | number | null;

interface Column {
  zh: string;
  en: string;
  format?: string;
}

/** Approximate column width of a text: CJK characters count double. */
const displayWidth = (text: string): number => [...text].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);

const yesNo = (value: boolean | null): string | null => (value === null ? null : value ? '是' : '否');

/** Writes sections one under another, with a blank row between them. */
class SheetWriter {
  private row = 1;
  private readonly widths: number[] = [];

  constructor(readonly sheet: ExcelJS.Worksheet) {}

  /** A title row, the Chinese and English header rows, the rows, and a blank row. */
  table(title: string, columns: Column[], rows: Cell[][]): void {
    this.section(title, columns);
    const formats = columns.map((c) => c.format);
    for (const values of rows) this.write(values, formats);
    this.row++;
  }

  /** Label-value rows: the label in Chinese, its English name, and the value with its own format. */
  pairs(title: string, pairs: [zh: string, en: string, value: Cell, format?: string][]): void {
    this.section(title, [
      { zh: '项目', en: 'item' },
      { zh: '英文名', en: 'key' },
      { zh: '数值', en: 'value' },
    ]);
    for (const [zh, en, value, format] of pairs) this.write([zh, en, value], [undefined, undefined, format]);
    this.row++;
  }

  finish(): void {
    this.widths.forEach((w, i) => (this.sheet.getColumn(i + 1).width = Math.min(60, Math.max(10, w + 2))));
  }

  private section(title: string, columns: Column[]): void {
    const heading = this.sheet.getRow(this.row++).getCell(1);
    heading.value = title;
    heading.font = { bold: true, size: 12 };
    const zh = this.sheet.getRow(this.row++);
    const en = this.sheet.getRow(this.row++);
    columns.forEach((c, i) => {
      const top = zh.getCell(i + 1);
      top.value = c.zh;
      top.font = { bold: true };
      top.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
      const bottom = en.getCell(i + 1);
      bottom.value = c.en;
      bottom.font = { italic: true, color: { argb: 'FF666666' } };
      this.fit(i, Math.max(displayWidth(c.zh), c.en.length));
    });
  }

  /** One row; an empty value leaves its cell empty (never 0). */
  private write(values: Cell[], formats: (string | undefined)[]): void {
    const row = this.sheet.getRow(this.row++);
    values.forEach((value, i) => {
      if (value === null) return;
      const cell = row.getCell(i + 1);
      cell.value = value;
      if (typeof value === 'number' && formats[i]) cell.numFmt = formats[i];
      this.fit(i, typeof value === 'string' ? displayWidth(value) : String(value).length + 2);
    });
  }

  private fit(column: number, width: number): void {
    this.widths[column] = Math.max(this.widths[column] ?? 0, width);
  }
}

const RATIO_COLUMNS: Column[] = [
  { zh: '区划代码', en: 'regionCode' },
  { zh: '区县名称', en: 'regionName' },
  { zh: '60岁以上老年人口', en: 'olderAdults', format: COUNT },
  { zh: '养老机构床位', en: 'beds', format: COUNT },
  { zh: '社会工作者', en: 'socialWorkers', format: COUNT },
  { zh: '持证社会工作者', en: 'qualifiedSocialWorkers', format: COUNT },
  { zh: '养老机构社会工作者', en: 'careHomeSocialWorkers', format: COUNT },
  { zh: '每千名老年人社会工作者', en: 'perThousandOlderAdults', format: RATIO },
  { zh: '每百张床位社会工作者', en: 'perHundredBeds', format: RATIO },
  { zh: '达到老年人口配比目标', en: 'meetsOlderAdultTarget' },
  { zh: '达到床位配比目标', en: 'meetsBedTarget' },
  { zh: '按老年人口缺口', en: 'shortfallForOlderAdults', format: COUNT },
  { zh: '按床位缺口', en: 'shortfallForBeds', format: COUNT },
  { zh: '人口数据口径', en: 'populationBasis' },
  { zh: '备注', en: 'note' },
];

function ratioRow(r: RegionRatio, name: string | null): Cell[] {
  return [
    r.regionCode,
    name,
    r.olderAdults,
    r.beds,
    r.socialWorkers,
    r.qualifiedSocialWorkers,
    r.careHomeSocialWorkers,
    r.perThousandOlderAdults,
    r.perHundredBeds,
    yesNo(r.meetsOlderAdultTarget),
    yesNo(r.meetsBedTarget),
    r.shortfallForOlderAdults,
    r.shortfallForBeds,
    r.populationBasis === null ? null : BASIS_ZH[r.populationBasis],
    r.note,
  ];
}

function ratiosSheet(wb: ExcelJS.Workbook, d: PlanningWorkbookData): void {
  const sheet = wb.addWorksheet(SHEET.ratios, { views: [{ state: 'frozen', xSplit: 2, ySplit: 3 }] });
  const w = new SheetWriter(sheet);
  const rows = d.ratios.regions.map((r) => ratioRow(r, d.regionNames.get(r.regionCode!) ?? null));
  if (d.ratios.city) rows.unshift(ratioRow(d.ratios.city, CITY_NAME));
  w.table(`${SECTION.ratios}（截至 ${d.ratios.asOf}）`, RATIO_COLUMNS, rows);
  w.finish();
}

function progressSheet(wb: ExcelJS.Workbook, d: PlanningWorkbookData): void {
  const p = d.progress;
  const w = new SheetWriter(wb.addWorksheet(SHEET.progress));
  w.pairs(SECTION.headcount, [
    ['数据日期', 'asOf', p.asOf],
    ['范围', 'scope', scopeName(d)],
    ['在岗人数', 'headcount', p.headcount, COUNT],
    ['备注', 'note', p.note],
  ]);
  w.table(
    SECTION.byTeam,
    [
      { zh: '队伍', en: 'team' },
      { zh: '队伍代码', en: 'teamCode' },
      { zh: '人数', en: 'count', format: COUNT },
    ],
    p.byTeam.map((t) => [TEAM_ZH[t.team], t.team, t.count]),
  );
  w.table(
    SECTION.byOccupation,
    [
      { zh: '职业', en: 'occupation' },
      { zh: '职业代码', en: 'occupationCode' },
      { zh: '所属队伍', en: 'team' },
      { zh: '人数', en: 'count', format: COUNT },
    ],
    p.byOccupation.map((o) => [OCCUPATION_ZH[o.occupation], o.occupation, TEAM_ZH[TEAM_OF[o.occupation]], o.count]),
  );
  w.table(
    SECTION.targets,
    [
      { zh: '目标年份', en: 'year' },
      { zh: '目标人数', en: 'target', format: COUNT },
      { zh: '缺口', en: 'gap', format: COUNT },
      { zh: '每月需净增', en: 'requiredMonthlyNetGrowth', format: COUNT },
      { zh: '预计年末人数', en: 'projected', format: COUNT },
      { zh: '是否按期', en: 'onTrack' },
    ],
    p.targets.map((t) => [t.year, t.target, t.gap, t.requiredMonthlyNetGrowth, t.projected, yesNo(t.onTrack)]),
  );
  w.table(
    SECTION.monthly,
    [
      { zh: '月份', en: 'month' },
      { zh: '月末人数', en: 'headcount', format: COUNT },
    ],
    p.monthly.map((m) => [m.month, m.headcount]),
  );
  w.finish();
}

function trainingSheet(wb: ExcelJS.Workbook, d: PlanningWorkbookData): void {
  const t = d.training;
  const w = new SheetWriter(wb.addWorksheet(SHEET.training));
  w.pairs(SECTION.trainingSummary, [
    ['年度', 'year', t.year],
    ['数据日期', 'asOf', t.asOf],
    ['范围', 'scope', scopeName(d)],
    ['目标人次', 'target', t.target, COUNT],
    ['已完成人次', 'completedPersonSessions', t.completedPersonSessions, COUNT],
    ['至今应完成人次', 'expectedToDate', t.expectedToDate, COUNT],
    ['是否按期', 'onTrack', yesNo(t.onTrack)],
    ['备注', 'note', t.note],
  ]);
  w.table(
    SECTION.byAudience,
    [
      { zh: '培训对象', en: 'audience' },
      { zh: '对象代码', en: 'audienceCode' },
      { zh: '人次', en: 'count', format: COUNT },
    ],
    t.byAudience.map((a) => [AUDIENCE_ZH[a.audience], a.audience, a.count]),
  );
  w.table(
    SECTION.byMonth,
    [
      { zh: '月份', en: 'month' },
      { zh: '人次', en: 'count', format: COUNT },
    ],
    t.byMonth.map((m) => [m.month, m.count]),
  );
  w.table(
    SECTION.byRegion,
    [
      { zh: '区划代码', en: 'regionCode' },
      { zh: '区县名称', en: 'regionName' },
      { zh: '人次', en: 'count', format: COUNT },
    ],
    t.byRegion.map((r) => [r.regionCode, d.regionNames.get(r.regionCode) ?? null, r.count]),
  );
  w.finish();
}

function forecastSheet(wb: ExcelJS.Workbook, d: PlanningWorkbookData): void {
  const f = d.forecast;
  const a = f.assumptions;
  const w = new SheetWriter(wb.addWorksheet(SHEET.forecast));
  w.table(
    SECTION.forecastTargets,
    [
      { zh: '目标年份', en: 'year' },
      { zh: '目标人数', en: 'target', format: COUNT },
      { zh: '达到目标月份', en: 'reachedInMonth' },
      { zh: '目标年末缺口', en: 'gapAtTargetDate', format: COUNT },
    ],
    f.targets.map((t) => [t.year, t.target, t.reachedInMonth ?? '未达到', t.gapAtTargetDate]),
  );
  if (f.note) w.pairs('目标说明', [['备注', 'note', f.note]]);
  w.pairs(SECTION.assumptions, [
    ['范围', 'scope', scopeName(d)],
    ['预测至年份', 'horizonYear', d.horizonYear],
    ['统计区间起（不含）', 'measuredFrom', a.measuredFrom],
    ['统计区间止', 'measuredTo', a.measuredTo],
    ['年流失率', 'annualAttritionRate', a.annualAttritionRate, SHARE],
    ['每年入职毕业生', 'graduatesEnteringPerYear', a.graduatesEnteringPerYear, COUNT],
    ['毕业生数据年份', 'graduatesProgramYear', a.graduatesProgramYear],
    ['培训学员转化率', 'traineeConversionRate', a.traineeConversionRate, SHARE],
    ['每年无岗位培训学员', 'traineesPerYear', a.traineesPerYear, COUNT],
    ['每年其他新入职', 'otherHiresPerYear', a.otherHiresPerYear, COUNT],
    ['每月额外招聘', 'extraHiresPerMonth', a.extraHiresPerMonth, COUNT],
    ['男性退休年龄', 'retirementAgeMale', a.retirementAgeMale],
    ['女性退休年龄', 'retirementAgeFemale', a.retirementAgeFemale],
    ['已达退休年龄仍在岗', 'staffPastRetirementAge', a.staffPastRetirementAge, COUNT],
    ['人工设定的参数', 'overridden', a.overridden.join(', ') || '无'],
  ]);
  w.table(
    SECTION.totals,
    [
      { zh: '月份', en: 'month' },
      { zh: '预测总人数', en: 'headcount', format: COUNT },
    ],
    f.totals.map((t) => [t.month, t.headcount]),
  );
  w.table(
    SECTION.series,
    [
      { zh: '月份', en: 'month' },
      { zh: '队伍', en: 'team' },
      { zh: '队伍代码', en: 'teamCode' },
      { zh: '预测人数', en: 'headcount', format: COUNT },
    ],
    f.series.map((s) => [s.month, TEAM_ZH[s.team], s.team, s.headcount]),
  );
  w.finish();
}

/** The rules behind the figures, as DESIGN.md states them: one row each, Chinese then English. */
export const RULES: [zh: string, en: string, text: string][] = [
  [
    '数据日期',
    'as of a date',
    '各项数据均为数据日期当日的情况：培训按数据日期所在年度截至该日结束的培训计算，至今应完成人次计算到该日。' +
      ' Every figure stands as on asOf: training counts sessions ending in asOf’s year up to asOf, with expected-to-date counted to asOf.',
  ],
  [
    '人数类目标',
    'count targets',
    '在岗人数和培训人次目标不会从全市下放到区县：没有本区县目标的区县没有目标（目标为空，并附说明）。市民政局可按老年人口、在岗人数或养老床位将全市目标以最大余数法分解到各区县，分解结果之和等于全市目标。' +
      ' Headcount and training targets never fall back from the city to a district: a district without its own has none (blank, with a note). The city planner can share the city’s target out (largest remainders; the shares add up to it).',
  ],
  [
    '比例类目标',
    'ratio targets',
    '社会工作者配比目标：区县没有自己的目标时采用全市目标。比例保留四位小数；是否达标按未取整的比例判断。' +
      ' Ratio targets: a district without its own is held to the city’s. Ratios are given to four decimals; whether one meets its target uses the exact ratio.',
  ],
  [
    '每百张床位',
    'per 100 beds',
    '每百张床位社会工作者 = 在本区县养老机构有在岗社会工作者岗位的人数（不论是否主要岗位）÷（养老机构床位 ÷ 100）。' +
      ' Per 100 beds counts everyone with an active social-worker job at a care home in the region, primary job or not.',
  ],
  [
    '预测公式',
    'forecast',
    '按队伍逐月预测：下月人数 = 本月人数 × (1 − 年流失率)^(1/12) − 当月退休人数 + 当月新增人数。每月总人数为未取整总数四舍五入；各队伍人数按最大余数法取整，合计等于总人数；目标缺口 = max(0, 目标 − 目标年12月总人数)。' +
      ' Per team and month: next = stock × (1 − a)^(1/12) − retirements in the month + inflow (a: annual attrition rate). The monthly total is rounded to a whole person; teams are rounded by largest remainders to add up to it; the gap = max(0, target − the December total shown).',
  ],
  [
    '退休年龄',
    'retirement ages',
    '默认按2025年起渐进式延迟法定退休年龄的规定，依出生年月确定（男性自60岁起、女性自55岁起，每4个月延迟1个月，最高63岁和58岁）；预测起始日已达退休年龄的在岗人员不再安排退休，只按流失率减少。' +
      ' By default the statutory ages of the 2025 reform by birth month (men from 60, women from 55, one month more per four-month cohort, up to 63 and 58); staff already past the age on the first day leave only through attrition.',
  ],
  [
    '预测起点',
    'forecast start',
    '预测从今天的实际人数起算，不随数据日期回溯。 The forecast starts from today’s stock, whatever asOf is.',
  ],
];

function aboutSheet(wb: ExcelJS.Workbook, d: PlanningWorkbookData): void {
  const w = new SheetWriter(wb.addWorksheet(SHEET.about));
  w.pairs('说明', [
    ['数据日期', 'asOf', d.asOf],
    ['范围', 'scope', scopeName(d)],
    ['预测至年份', 'horizonYear', d.horizonYear],
    ['日期格式', 'dates', '日期为文本 YYYY-MM-DD，月份为文本 YYYY-MM (dates and months are text)'],
    ['是/否', 'booleans', '是 = yes, 否 = no; 空白 = 无目标或无比例 (blank: no target or no ratio)'],
  ]);
  w.pairs(
    '计算规则',
    RULES.map(([zh, en, text]) => [zh, en, text]),
  );
  w.finish();
}

function scopeName(d: PlanningWorkbookData): string {
  if (d.regionCode === null) return CITY_NAME;
  return `${d.regionNames.get(d.regionCode) ?? ''}（${d.regionCode}）`;
}

/**
 * The planner's workbook: one sheet per area (ratios by region, progress, training, forecast) and a note on the
 * formats. Numbers are stored as numbers, ratios with a 0.00 format, yes/no as 是/否 and dates as text. Pure: the
 * same data gives the same workbook.
 */
export function buildPlanningWorkbook(d: PlanningWorkbookData): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '养老服务人才队伍建设平台';
  wb.created = d.generatedAt;
  wb.modified = d.generatedAt;
  ratiosSheet(wb, d);
  progressSheet(wb, d);
  trainingSheet(wb, d);
  forecastSheet(wb, d);
  aboutSheet(wb, d);
  return wb;
}
