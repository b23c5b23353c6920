import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { primaryJobsOn } from '../common/counting-rules.js';
import { COUNTY_LEVEL_KINDS } from '../regions/region.enums.js';
import { ApportionBasis } from './target.enums.js';

/** Per district or county (`code`, `n`), the figure a city target is shared out by. HEADCOUNT: $2 today. */
const APPORTION_BASIS_SQL: Record<ApportionBasis, string> = {
  // The latest population figure of each region.
  [ApportionBasis.OLDER_ADULTS]: `SELECT DISTINCT ON (p.region_code) p.region_code AS code, p.older_adults AS n
      FROM region_population p ORDER BY p.region_code, p.year DESC`,
  // Today's headcount, each person under their primary job's district.
  [ApportionBasis.HEADCOUNT]: `SELECT pj.region_code AS code, count(*) AS n
      FROM (${primaryJobsOn('$2::date')}) pj GROUP BY pj.region_code`,
  [ApportionBasis.CARE_HOME_BEDS]: `SELECT i.region_code AS code, sum(i.beds) AS n
      FROM institution i WHERE i.type = 'CARE_HOME' GROUP BY i.region_code`,
};

/** A district or county and its weight in an apportionment (a bigint as text). */
export interface ApportionWeight {
  code: string;
  n: string;
}

/**
 * The weights of apportionTarget: every district and county with its older adults (regions' table), today's
 * headcount (workforce's, by the primary-job rule) or care-home beds (institutions'), in one statement.
 */
@Injectable()
export class ApportionBasisReadModel {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** By region code; a region without any of the basis weighs 0. `today` is used by HEADCOUNT only. */
  weights(
    basis: ApportionBasis,
    today: string,
    tx: EntityManager = this.dataSource.manager,
  ): Promise<ApportionWeight[]> {
    return tx.query(
      `WITH basis AS (${APPORTION_BASIS_SQL[basis]})
         SELECT r.code, coalesce(b.n, 0)::bigint::text AS n
           FROM region r LEFT JOIN basis b ON b.code = r.code
          WHERE r.kind::text = ANY($1::text[])
          ORDER BY r.code`,
      basis === ApportionBasis.HEADCOUNT ? [COUNTY_LEVEL_KINDS, today] : [COUNTY_LEVEL_KINDS],
    );
  }
}
