import '@ant-design/v5-patch-for-react-19'; // must be first: antd 5 on React 19
import { StyleProvider } from '@ant-design/cssinjs';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN'; // not 'antd/locale/zh_CN': under Vite 8 that stays English
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { App } from './app/App.tsx';
import { keptStyleCache } from './app/kept-styles.ts';
import './app/global.css';
import { newQueryClient } from './lib/use-channel-query.ts';

dayjs.locale('zh-cn');

export const FONT_STACK = "'Microsoft YaHei','PingFang SC','WenQuanYi Zen Hei','Noto Sans CJK SC',sans-serif";

// Windows' “显示动画” switch (and the tests) ask for reduced motion; on old office PCs the dialogs' zoom costs
// frames and a click during it can be lost, so the app drops antd's animations when asked.
const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;

const queryClient = newQueryClient();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <StyleProvider cache={keptStyleCache()}>
        <ConfigProvider
          locale={zhCN}
          // “保存”, not antd's “保 存”: a two-character button read with a space beside “保存设置” and every office
          // program's own buttons (WPS, Excel) — one spelling of each word on every screen.
          button={{ autoInsertSpace: false }}
          theme={{
            // Links in the one red of the app (antd draws link buttons and links in its blue otherwise: 设置's 编辑
            // and 指标's 填报 were blue beside the red 删除 and the ledger's red 档案/编辑).
            token: {
              fontFamily: FONT_STACK,
              colorPrimary: '#b71c1c',
              colorLink: '#b71c1c',
              colorLinkHover: '#d3423a',
              colorLinkActive: '#8f1111',
              borderRadius: 4,
              motion: !reducedMotion,
            },
          }}
        >
          <AntApp>
            <App />
          </AntApp>
        </ConfigProvider>
      </StyleProvider>
    </QueryClientProvider>
  </StrictMode>,
);
