import { GraphQLScalarType, Kind } from 'graphql';
import { BadUserInputError } from './errors.js';
import { type Msg, msg } from '../i18n/i18n.js';

const YUAN = /^(\d{1,15})(?:\.(\d{1,2}))?$/;

/** A decimal string in yuan ("1234.5", "1234.50", "1234") as integer fen; null when it is not one (or negative). */
export function parseYuan(value: string): bigint | null {
  const match = YUAN.exec(value.trim());
  if (!match) return null;
  return BigInt(match[1]) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
}

/** Integer fen (as pg returns a bigint: a string) written in yuan with two decimals: "1234.50". */
export function formatFen(fen: bigint | string | number): string {
  const value = BigInt(fen);
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/**
 * What is wrong with an amount a person sent, or null: not a decimal number of yuan, more than two decimals, not
 * above zero, or too large (`maxFen` and above; "99999999999999999.99" has two decimals, it is too large).
 */
export function moneyProblem(field: Msg, value: unknown, maxFen: bigint): Msg | null {
  const text = typeof value === 'string' ? value.trim() : '';
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return msg('value.moneyFormat', { field });
  if ((match[3] ?? '').length > 2) return msg('value.moneyDecimals', { field });
  if (match[1] === '-') return msg('value.moneyPositive', { field });
  const fen = parseYuan(text);
  if (fen === null || fen >= maxFen) return msg('value.moneyTooLarge', { field, max: formatFen(maxFen - 1n) });
  if (fen <= 0n) return msg('value.moneyPositive', { field });
  return null;
}

function parse(value: unknown): string {
  if (typeof value !== 'string') throw new BadUserInputError(msg('value.moneyNotString'));
  return value;
}

/**
 * Money in yuan as a decimal string with two decimals ("1234.50"), never a float or a 32-bit Int. Inside the portal
 * it stays that string; amounts are stored as integer fen. Input: any string, checked by the operation that takes
 * it (with the field named) through `parseYuan`.
 */
export const MoneyScalar = new GraphQLScalarType<string, string>({
  name: 'Money',
  description: 'An amount in yuan: a decimal string with two decimals, e.g. "1234.50".',
  serialize(value) {
    if (typeof value !== 'string' || !/^-?\d+\.\d{2}$/.test(value)) throw new Error('Money value is not formatted');
    return value;
  },
  parseValue: parse,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) {
      throw new BadUserInputError(msg('value.moneyNotString'));
    }
    return ast.value;
  },
});
