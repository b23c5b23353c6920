// The volunteer pages' frame for older eyes and hands (工业和信息化部《互联网网站适老化通用设计规范》): Ant Design's
// controls at 18 px text and at least 48 px high, and the signed-in header enlarged too (volunteer.css).
import { ConfigProvider } from 'antd';
import type { ReactNode } from 'react';
import './volunteer.css';

const LARGE = {
  token: {
    fontSize: 18,
    fontSizeSM: 18,
    fontSizeLG: 20,
    fontSizeXL: 22,
    fontSizeHeading1: 28,
    fontSizeHeading2: 24,
    fontSizeHeading3: 22,
    fontSizeHeading4: 20,
    fontSizeHeading5: 18,
    fontSizeIcon: 18,
    lineHeight: 1.6,
    controlHeight: 48,
    controlHeightSM: 44,
    controlHeightLG: 52,
    // Fully opaque, darker text: contrast well above 4.5:1 on white.
    colorText: '#1f1f1f',
    colorTextSecondary: '#3d3d3d',
    colorTextDescription: '#3d3d3d',
    colorTextPlaceholder: '#5c5c5c',
  },
  components: {
    Radio: { buttonPaddingInline: 16 },
  },
};

/** Large type and large targets for the page inside; `className` names the page's own layout. */
export function LargeType({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <ConfigProvider theme={LARGE}>
      <div className={`large-type ${className ?? ''}`}>{children}</div>
    </ConfigProvider>
  );
}
