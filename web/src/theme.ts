import type { ThemeConfig } from 'antd';

/** Latin letters from a Latin face, Chinese from the system's Chinese face (the same list as styles.css). */
const FONT_FAMILY =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif";

// Warm, high-contrast colours; body text 16 px for readers of every age. Colour pairs pass WCAG AA (axe checks).
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#a34a06',
    colorInfo: '#a34a06',
    // Darker, not lighter, on hover and press: white text keeps a contrast above 4.5:1.
    colorPrimaryHover: '#8a3c00',
    colorPrimaryActive: '#7a3500',
    colorLinkHover: '#6b2f00',
    colorLink: '#8a3d04',
    colorSuccess: '#2f7a1f',
    colorWarning: '#9a6200',
    colorError: '#b42318',
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextDescription: 'rgba(0, 0, 0, 0.68)',
    fontSize: 16,
    borderRadius: 6,
    fontFamily: FONT_FAMILY,
  },
};
