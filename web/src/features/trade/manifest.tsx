import { lazy } from 'react';
import { AppstoreOutlined, BarChartOutlined, FileSearchOutlined, FireOutlined, ProfileOutlined, ShopOutlined, TeamOutlined } from '@ant-design/icons';
import type { FeatureManifest } from '../shell/manifest';
import { ComingModulePage } from '../modules/coming';
import { TradeGate } from './TradeGate';
import tradeZh from './i18n/zh-CN';
import tradeEn from './i18n/en';
import { tradeMessages } from '@gearbridge/contracts/messages';
import { zhTrade } from './i18n/messages.zh-CN';

// Every page loads on first visit, so signing in downloads only the shell.
const CataloguePage = lazy(() => import('./CataloguePage'));
const ProductPage = lazy(() => import('./ProductPage'));
const SuppliersPage = lazy(() => import('./SuppliersPage'));
const RfqsPage = lazy(() => import('./RfqsPage'));
const RfqPage = lazy(() => import('./RfqPage'));
const OrdersPage = lazy(() => import('./OrdersPage'));
const OrderPage = lazy(() => import('./OrderPage'));
const SupplyPage = lazy(() => import('./SupplyPage'));
const VerifyPage = lazy(() => import('./VerifyPage'));
const DashboardPage = lazy(() => import('./DashboardPage'));

/** 产业交易 (SPEC §5): the catalogue, storefronts, RFQs and sealed quotes for trade.read. */
export const trade: FeatureManifest = {
  name: 'trade',
  // Buyers and suppliers among the enterprises, and the park administration that runs the platforms.
  module: { name: 'trade', icon: <ShopOutlined />, labelKey: 'nav.trade', gate: 'trade.read', orgKinds: ['enterprise', 'park_admin', 'government'] },
  routes: [
    {
      path: 'trade',
      element: <TradeGate coming={<ComingModulePage name="trade" />} />,
      children: [
        { index: true, element: <CataloguePage /> },
        { path: 'products/:id', element: <ProductPage /> },
        { path: 'suppliers', element: <SuppliersPage /> },
        { path: 'rfqs', element: <RfqsPage /> },
        { path: 'rfqs/:id', element: <RfqPage /> },
        { path: 'orders', element: <OrdersPage /> },
        { path: 'orders/:id', element: <OrderPage /> },
        { path: 'supply', element: <SupplyPage /> },
        { path: 'verify/:token', element: <VerifyPage /> },
        { path: 'dashboard', element: <DashboardPage /> },
      ],
    },
  ],
  menu: [
    {
      key: 'trade',
      icon: <ShopOutlined />,
      labelKey: 'nav.trade',
      children: [
        { key: '/trade', icon: <AppstoreOutlined />, labelKey: 'trade.nav.catalogue' },
        { key: '/trade/suppliers', icon: <TeamOutlined />, labelKey: 'trade.nav.suppliers' },
        { key: '/trade/rfqs', icon: <FileSearchOutlined />, labelKey: 'trade.nav.rfqs' },
        { key: '/trade/orders', icon: <ProfileOutlined />, labelKey: 'trade.nav.orders', gate: ['trade.buy', 'trade.sell'] },
        { key: '/trade/supply', icon: <FireOutlined />, labelKey: 'trade.nav.supply' },
        { key: '/trade/dashboard', icon: <BarChartOutlined />, labelKey: 'trade.nav.dashboard', gate: ['trade.buy', 'trade.operate'] },
      ],
    },
  ],
  i18n: { 'zh-CN': tradeZh, en: tradeEn },
  messages: { en: tradeMessages, zh: zhTrade },
};
