import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * The records an account's scope is bound to that belong to modules above this one. The certification module builds
 * on auth (its rate limiter and decorators), so an evaluation body's existence is read here, by table name, rather
 * than through its service.
 */
@Injectable()
export class AccountScopesReadModel {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async evaluationBodyExists(id: string, tx: EntityManager = this.dataSource.manager): Promise<boolean> {
    const found: unknown[] = await tx.query('SELECT 1 FROM evaluation_body WHERE id = $1', [id]);
    return found.length === 1;
  }
}
