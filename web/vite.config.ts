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

/** ECharts without its chart types and the components only the park's map and graph use (see codeSplitting). */
const ECHARTS_CORE = /node_modules[\\/](zrender[\\/]|echarts[\\/](core|renderers|lib[\\/](?!chart[\\/]|coord[\\/]geo|component[\\/]geo|layout[\\/]forceLayout)))/;

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
        // every screen uses (theme, layout, forms, overlays), and ECharts' core (zrender, the canvas renderer, models,
        // axes, tooltip, legend) that every lazy chart reaches. The chart types themselves (echarts/lib/chart/*:
        // line, bar, pie, gauge, custom, and the park's map and graph with their geo and force layouts) are left to
        // the pages that import them through echarts/core: forced into one chunk with the core they made it 1 MB.
        // Heavier antd components (Table, Tree, Cascader, DatePicker, Upload, Steps…) are left to automatic
        // splitting so they load with the first page that uses them, keeping the sign-in page light.
        codeSplitting: {
          groups: [
            { name: 'echarts', test: ECHARTS_CORE, priority: 40 },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|@tanstack|i18next|react-i18next)[\\/]/, priority: 30 },
            { name: 'antd-core', test: ANTD_CORE, priority: 20 },
          ],
        },
      },
    },
  },
});
