// The choose → confirm → done steps of spending time from the volunteer's balance (care, transfer): the duration is
// checked against the balance before the confirmation, one idempotency key is made per confirmation (a double tap,
// or a retry after a lost answer, moves the minutes once), and a refusal returns to the form with its reason.
import { useRef, useState } from 'react';
import { type Explained, explainError } from '../../api/errors';
import { formatMinutes } from '../../format';
import { useI18n } from '../../i18n';
import { durationOf, newIdempotencyKey } from './parts';

export type SpendStep = 'form' | 'confirm' | 'done';

export function useSpendSteps<V extends { hours?: number; mins?: number }>(
  balance: number,
  send: (values: V, idempotencyKey: string) => Promise<unknown>,
) {
  const { t, lang } = useI18n();
  const [step, setStep] = useState<SpendStep>('form');
  const [values, setValues] = useState<V | null>(null);
  const [problem, setProblem] = useState<Explained | null>(null);
  const key = useRef<string | null>(null);
  const sending = useRef(false);

  const next = (v: V) => {
    setProblem(null);
    const minutes = durationOf(v);
    if (minutes <= 0) return setProblem({ fields: {}, top: [t('volunteer.durationRequired')] });
    if (minutes > balance)
      return setProblem({ fields: {}, top: [t('volunteer.notEnough', { time: formatMinutes(balance, lang) })] });
    setValues(v);
    key.current = newIdempotencyKey();
    setStep('confirm');
  };
  const confirm = async () => {
    if (!values || sending.current) return;
    sending.current = true;
    try {
      await send(values, key.current!);
      setStep('done');
    } catch (error) {
      setProblem(explainError(error, t, [], { INSUFFICIENT_BALANCE: 'volunteer.insufficient' }));
      setStep('form');
    } finally {
      sending.current = false;
    }
  };
  return { step, setStep, values, setValues, problem, next, confirm };
}
