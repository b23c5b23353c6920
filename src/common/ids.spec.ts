import { describe, expect, it } from '@jest/globals';
import { inOrderOf } from './ids.js';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

describe('inOrderOf', () => {
  it('asks once for each valid id and answers in the order asked, null where none', async () => {
    const asked: string[][] = [];
    const rows = await inOrderOf([B, 'not-a-uuid', A, B], async (ids) => {
      asked.push(ids);
      return [{ id: B, name: 'b' }];
    });
    expect(asked).toEqual([[B, A]]);
    expect(rows).toEqual([{ id: B, name: 'b' }, null, null, { id: B, name: 'b' }]);
  });

  it('does not ask when no id can exist, and can match on another key', async () => {
    let calls = 0;
    await expect(inOrderOf(['x'], async () => (calls++, []))).resolves.toEqual([null]);
    expect(calls).toBe(0);
    const rows = await inOrderOf(
      [A],
      async () => [{ id: B, supersedesId: A }],
      (r) => r.supersedesId,
    );
    expect(rows).toEqual([{ id: B, supersedesId: A }]);
  });
});
