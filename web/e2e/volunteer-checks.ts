// Checks of the age-friendly design rules (工业和信息化部《互联网网站适老化通用设计规范》) that the volunteer tests run on
// every volunteer page: text size, touch-target size, and controls kept usable at 200 % enlargement.
import type { Page } from '@playwright/test';
import { expect } from './support';

export const PHONE = { width: 390, height: 844 };

/** Waits until the page's figures are on screen (no loading spinner left). */
export async function settled(page: Page): Promise<void> {
  await expect(page.locator('h1')).toHaveCount(1);
  await expect(page.locator('.large-type .ant-spin')).toHaveCount(0);
}

/** Every visible text node on the page is at least 18 px (computed style of its element). */
export async function expectLargeText(page: Page): Promise<void> {
  const small = await page.evaluate(() => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const text = node.textContent?.trim();
      const element = node.parentElement;
      if (!text || !element) continue;
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      // Hidden text (display none, visibility hidden, zero size, the skip link until focused) is not read.
      if (style.visibility === 'hidden' || box.width === 0 || box.height === 0 || box.right < 0) continue;
      if (element.closest('[hidden], [aria-hidden="true"]')) continue;
      if (parseFloat(style.fontSize) < 18) found.push(`${style.fontSize} "${text.slice(0, 40)}"`);
    }
    return found;
  });
  expect(small, `text under 18 px on ${page.url()}`).toEqual([]);
}

/** Every visible link, button, field and choice is at least 44 x 44 px. */
export async function expectLargeTargets(page: Page): Promise<void> {
  const tiny = await page.evaluate(() => {
    const found: string[] = [];
    const selector =
      'a[href], button, input:not([type=hidden]):not([type=radio]), .ant-radio-button-wrapper, .ant-select';
    for (const element of document.querySelectorAll<HTMLElement>(selector)) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || box.right < 0 || element.closest('[hidden]')) continue;
      // A field inside a larger control (the select's search box, the number field's input) is the control's part.
      if (element.matches('input') && element.closest('.ant-select, .ant-input-number, .ant-input-affix-wrapper'))
        continue;
      if (box.width < 44 || box.height < 44)
        found.push(
          `${Math.round(box.width)}x${Math.round(box.height)} ${element.tagName} "${element.textContent?.trim().slice(0, 30)}"`,
        );
    }
    return found;
  });
  expect(tiny, `touch targets under 44 x 44 px on ${page.url()}`).toEqual([]);
}

/**
 * At 200 % enlargement nothing spills sideways and every control stays on screen: a browser zoomed to 200 % lays
 * the page out in half the CSS width, so the phone's 390 px become 195 px (the same layout, twice the size).
 */
export async function expectUsableEnlarged(page: Page): Promise<void> {
  await page.setViewportSize({ width: PHONE.width / 2, height: PHONE.height / 2 });
  await page.waitForTimeout(100);
  const problems = await page.evaluate(() => {
    const found: string[] = [];
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width + 1)
      found.push(`page ${document.documentElement.scrollWidth} px wide in a ${width} px window`);
    const selector =
      'a[href], button, input:not([type=hidden]):not([type=radio]), .ant-radio-button-wrapper, .ant-select';
    for (const element of document.querySelectorAll<HTMLElement>(selector)) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || element.closest('[hidden]')) continue;
      if (element.classList.contains('skip-link')) continue;
      if (box.left < -1 || box.right > width + 1)
        found.push(`off screen: ${element.tagName} "${element.textContent?.trim().slice(0, 30)}"`);
    }
    return found;
  });
  await page.setViewportSize(PHONE);
  expect(problems, `controls at 200 % on ${page.url()}`).toEqual([]);
}
