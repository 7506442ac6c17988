import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `npm run dev -w web` proxies /api to a running server (GEARBRIDGE_API, default http://localhost:8080).
const api = process.env.GEARBRIDGE_API ?? 'http://localhost:8080';

const ANTD_CORE = new RegExp(
  [
    'node_modules[\\\\/]@ant-design[\\\\/](cssinjs|cssinjs-utils|colors|fast-color)[\\\\/]',
    'node_modules[\\\\/]@rc-component[\\\\/](util|motion|resize-observer|portal|trigger|context|dialog|drawer|menu|dropdown|overflow|input|textarea|form|async-validator|segmented|notification|tooltip)[\\\\/]',
    'node_modules[\\\\/]antd[\\\\/]es[\\\\/](_util|config-provider|theme|locale|style|version|app|button|space|grid|row|col|layout|message|notification|modal|form|input|menu|dropdown|typography|avatar|spin|result|alert|tag|segmented|drawer|tooltip|watermark|wave|skeleton|empty)[\\\\/]',
  ].join('|'),
);

export default defineConfig({
  plugins: [react()],
  server: { port: 5173, proxy: { '/api': { target: api, changeOrigin: false } } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app, so they get their own long-cached chunks: React, the antd core
        // every screen uses (theme, layout, forms, overlays), and ECharts, which only the dashboard's lazy chart
        // reaches. Heavier antd components (Table, Tree, Cascader, DatePicker, Upload, Steps…) are left to automatic
        // splitting so they load with the first page that uses them, keeping the sign-in page light.
        codeSplitting: {
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 40 },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|@tanstack|i18next|react-i18next)[\\/]/, priority: 30 },
            { name: 'antd-core', test: ANTD_CORE, priority: 20 },
          ],
        },
      },
    },
  },
});
