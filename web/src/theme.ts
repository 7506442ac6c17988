import type { ThemeConfig } from 'antd';

export const FONT_FAMILY =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Helvetica Neue", Arial, sans-serif';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1f4fd1',
    colorInfo: '#1f4fd1',
    colorSuccess: '#1a8f5a',
    colorWarning: '#c7820a',
    colorError: '#d23f3f',
    borderRadius: 6,
    fontFamily: FONT_FAMILY,
    colorBgLayout: '#f3f5f9',
  },
  components: {
    Layout: { siderBg: '#0d1b33', headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 16px', bodyBg: '#f3f5f9' },
    Menu: { darkItemBg: '#0d1b33', darkSubMenuItemBg: '#0a1629', darkItemSelectedBg: '#1f4fd1', itemHeight: 42 },
    Table: { headerBg: '#f7f8fb' },
    Card: { headerFontSize: 15 },
  },
};
