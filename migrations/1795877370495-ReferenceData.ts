import type { MigrationInterface, QueryRunner } from 'typeorm';

// Chongqing's 38 county-level divisions (GB/T 2260, list of 2022-10-31) with 2020 seventh-census populations,
// copied from the project's reference data (chongqing-regions.csv). `estimate` figures are demo estimates and
// keep that basis; a planner replaces them with official figures through setRegionPopulation.
// [code, nameZh, nameEn, kind, total2020, totalBasis, olderAdults2020, olderAdultsBasis]
const DIVISIONS: [string, string, string, string, number, string, number, string][] = [
  ['500101', '万州区', 'Wanzhou District', 'DISTRICT', 1564449, 'CENSUS', 338679, 'DEMO_ESTIMATE'],
  ['500102', '涪陵区', 'Fuling District', 'DISTRICT', 1115016, 'CENSUS', 241384, 'DEMO_ESTIMATE'],
  ['500103', '渝中区', 'Yuzhong District', 'DISTRICT', 588717, 'CENSUS', 127448, 'DEMO_ESTIMATE'],
  ['500104', '大渡口区', 'Dadukou District', 'DISTRICT', 421904, 'CENSUS', 91336, 'DEMO_ESTIMATE'],
  ['500105', '江北区', 'Jiangbei District', 'DISTRICT', 925800, 'CENSUS', 200422, 'DEMO_ESTIMATE'],
  ['500106', '沙坪坝区', 'Shapingba District', 'DISTRICT', 1477345, 'CENSUS', 319823, 'DEMO_ESTIMATE'],
  ['500107', '九龙坡区', 'Jiulongpo District', 'DISTRICT', 1526821, 'CENSUS', 330534, 'DEMO_ESTIMATE'],
  ['500108', '南岸区', "Nan'an District", 'DISTRICT', 1197639, 'CENSUS', 259271, 'DEMO_ESTIMATE'],
  ['500109', '北碚区', 'Beibei District', 'DISTRICT', 834887, 'CENSUS', 180740, 'DEMO_ESTIMATE'],
  ['500110', '綦江区', 'Qijiang District', 'DISTRICT', 1011334, 'CENSUS', 218938, 'DEMO_ESTIMATE'],
  ['500111', '大足区', 'Dazu District', 'DISTRICT', 834592, 'CENSUS', 180676, 'DEMO_ESTIMATE'],
  ['500112', '渝北区', 'Yubei District', 'DISTRICT', 2191493, 'CENSUS', 474425, 'DEMO_ESTIMATE'],
  ['500113', '巴南区', 'Banan District', 'DISTRICT', 1178856, 'CENSUS', 255204, 'DEMO_ESTIMATE'],
  ['500114', '黔江区', 'Qianjiang District', 'DISTRICT', 487281, 'CENSUS', 105489, 'DEMO_ESTIMATE'],
  ['500115', '长寿区', 'Changshou District', 'DISTRICT', 692960, 'CENSUS', 175773, 'CENSUS'],
  ['500116', '江津区', 'Jiangjin District', 'DISTRICT', 1359611, 'CENSUS', 294335, 'DEMO_ESTIMATE'],
  ['500117', '合川区', 'Hechuan District', 'DISTRICT', 1245294, 'CENSUS', 269587, 'DEMO_ESTIMATE'],
  ['500118', '永川区', 'Yongchuan District', 'DISTRICT', 1148896, 'CENSUS', 248718, 'DEMO_ESTIMATE'],
  ['500119', '南川区', 'Nanchuan District', 'DISTRICT', 572362, 'CENSUS', 123908, 'DEMO_ESTIMATE'],
  ['500120', '璧山区', 'Bishan District', 'DISTRICT', 756022, 'CENSUS', 163667, 'DEMO_ESTIMATE'],
  ['500151', '铜梁区', 'Tongliang District', 'DISTRICT', 685729, 'CENSUS', 178860, 'CENSUS'],
  ['500152', '潼南区', 'Tongnan District', 'DISTRICT', 688115, 'CENSUS', 148966, 'DEMO_ESTIMATE'],
  ['500153', '荣昌区', 'Rongchang District', 'DISTRICT', 668977, 'CENSUS', 144823, 'DEMO_ESTIMATE'],
  ['500154', '开州区', 'Kaizhou District', 'DISTRICT', 1203306, 'CENSUS', 260497, 'DEMO_ESTIMATE'],
  ['500155', '梁平区', 'Liangping District', 'DISTRICT', 645315, 'CENSUS', 160990, 'CENSUS'],
  ['500156', '武隆区', 'Wulong District', 'DISTRICT', 356748, 'CENSUS', 77231, 'DEMO_ESTIMATE'],
  ['500229', '城口县', 'Chengkou County', 'COUNTY', 198394, 'DEMO_ESTIMATE', 42949, 'DEMO_ESTIMATE'],
  ['500230', '丰都县', 'Fengdu County', 'COUNTY', 560943, 'DEMO_ESTIMATE', 121436, 'DEMO_ESTIMATE'],
  ['500231', '垫江县', 'Dianjiang County', 'COUNTY', 659636, 'DEMO_ESTIMATE', 142801, 'DEMO_ESTIMATE'],
  ['500233', '忠县', 'Zhong County', 'COUNTY', 726104, 'DEMO_ESTIMATE', 157190, 'DEMO_ESTIMATE'],
  ['500235', '云阳县', 'Yunyang County', 'COUNTY', 935576, 'DEMO_ESTIMATE', 202538, 'DEMO_ESTIMATE'],
  ['500236', '奉节县', 'Fengjie County', 'COUNTY', 750273, 'DEMO_ESTIMATE', 162423, 'DEMO_ESTIMATE'],
  ['500237', '巫山县', 'Wushan County', 'COUNTY', 463256, 'DEMO_ESTIMATE', 100288, 'DEMO_ESTIMATE'],
  ['500238', '巫溪县', 'Wuxi County', 'COUNTY', 391754, 'DEMO_ESTIMATE', 84809, 'DEMO_ESTIMATE'],
  [
    '500240',
    '石柱土家族自治县',
    'Shizhu Tujia Autonomous County',
    'AUTONOMOUS_COUNTY',
    391754,
    'DEMO_ESTIMATE',
    84809,
    'DEMO_ESTIMATE',
  ],
  [
    '500241',
    '秀山土家族苗族自治县',
    'Xiushan Tujia and Miao Autonomous County',
    'AUTONOMOUS_COUNTY',
    496194,
    'CENSUS',
    107418,
    'DEMO_ESTIMATE',
  ],
  [
    '500242',
    '酉阳土家族苗族自治县',
    'Youyang Tujia and Miao Autonomous County',
    'AUTONOMOUS_COUNTY',
    607338,
    'CENSUS',
    125185,
    'CENSUS',
  ],
  [
    '500243',
    '彭水苗族土家族自治县',
    'Pengshui Miao and Tujia Autonomous County',
    'AUTONOMOUS_COUNTY',
    493468,
    'DEMO_ESTIMATE',
    106830,
    'DEMO_ESTIMATE',
  ],
];

// The functional zones overlap the districts above: their people are counted in their host districts.
const ZONES: [string, string, string][] = [
  ['Z01', '两江新区', 'Liangjiang New Area'],
  ['Z02', '重庆高新区', 'Chongqing High-tech Zone'],
  ['Z03', '万盛经开区', 'Wansheng Economic Development Zone'],
];

// The 2024 municipal plan: 25,000 talents by 2027 and 30,000 by 2029; 20,000 training person-sessions a year;
// one social worker per 1,000 older adults and per 100 care-home beds by 2027. All city-wide.
const TARGETS: [string, number, number][] = [
  ['TALENT_HEADCOUNT', 2027, 25000],
  ['TALENT_HEADCOUNT', 2029, 30000],
  ...[2025, 2026, 2027, 2028, 2029].map((year): [string, number, number] => ['TRAINING_PERSON_SESSIONS', year, 20000]),
  ['SOCIAL_WORKERS_PER_1000_OLDER_ADULTS', 2027, 1],
  ['SOCIAL_WORKERS_PER_100_BEDS', 2027, 1],
];

export class ReferenceData1795877370495 implements MigrationInterface {
  name = 'ReferenceData1795877370495';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [code, nameZh, nameEn, kind] of DIVISIONS) {
      await queryRunner.query(`INSERT INTO region (code, name_zh, name_en, kind) VALUES ($1, $2, $3, $4)`, [
        code,
        nameZh,
        nameEn,
        kind,
      ]);
    }
    for (const [code, nameZh, nameEn] of ZONES) {
      await queryRunner.query(
        `INSERT INTO region (code, name_zh, name_en, kind) VALUES ($1, $2, $3, 'FUNCTIONAL_ZONE')`,
        [code, nameZh, nameEn],
      );
    }
    for (const [code, , , , total, totalBasis, olderAdults, olderAdultsBasis] of DIVISIONS) {
      await queryRunner.query(
        `INSERT INTO region_population (region_code, year, total, older_adults, total_basis, older_adults_basis)
         VALUES ($1, 2020, $2, $3, $4, $5)`,
        [code, total, olderAdults, totalBasis, olderAdultsBasis],
      );
    }
    for (const [metric, year, value] of TARGETS) {
      await queryRunner.query(`INSERT INTO target (metric, year, value) VALUES ($1, $2, $3)`, [metric, year, value]);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM target WHERE region_code IS NULL`);
    await queryRunner.query(`DELETE FROM region_population WHERE year = 2020`);
    await queryRunner.query(`DELETE FROM region`);
  }
}
