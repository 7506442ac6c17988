import { useEffect, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, ConfigProvider, theme as antdTheme } from 'antd';
import { CompressOutlined, ExpandOutlined, LogoutOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { theme } from '../../theme';
import { screenClock } from './screenClock';
import './screen.css';

/** The 大屏 canvas: designed at 1920 × 1080 and scaled to fit any window. */
const W = 1920;
const H = 1080;
const DARK_THEME = { ...theme, algorithm: antdTheme.darkAlgorithm, token: { ...theme.token, colorBgLayout: '#050d1f' } };

/** The largest scale at which the canvas fits the window, and where it sits centred. */
function measure() {
  const s = Math.min(window.innerWidth / W, window.innerHeight / H);
  return { scale: s, left: (window.innerWidth - W * s) / 2, top: Math.max(0, (window.innerHeight - H * s) / 2) };
}

function useFit() {
  const [fit, setFit] = useState(measure);
  useEffect(() => {
    const on = () => setFit(measure());
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return fit;
}

function useFullscreen(): [boolean, () => void] {
  const [on, setOn] = useState(!!document.fullscreenElement);
  useEffect(() => {
    const change = () => setOn(!!document.fullscreenElement);
    document.addEventListener('fullscreenchange', change);
    return () => document.removeEventListener('fullscreenchange', change);
  }, []);
  const toggle = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void document.documentElement.requestFullscreen?.().catch(() => undefined);
  };
  return [on, toggle];
}

/**
 * The 大屏's clock, ticking each second: the time and date in China time (Asia/Shanghai) whatever the browser's zone,
 * the weekday in the reader's language (see screenClock).
 */
export function useClock(): { time: string; date: string } {
  const { i18n } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const h = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(h);
  }, []);
  return screenClock(now, i18n.language);
}

export interface ScreenFrameProps {
  /** The organisation or site, top left, and the line under it. */
  site: ReactNode;
  area: ReactNode;
  title: string;
  /** The clock, top right: time and date as the screen's users read them (the plant shows plant time). */
  time: string;
  date: string;
  /** Beside the full-screen and exit buttons (e.g. the live feed's indicator). */
  tools?: ReactNode;
  /** Where "exit" leads. */
  exitTo: string;
  exitTestId?: string;
  testId: string;
  children: ReactNode;
}

/**
 * 大屏: a dark 1920 × 1080 screen for a wall, outside the app's shell — header with site, title, clock, full-screen
 * and exit; the page fills the rest. Shared by the plant's and the labour bureau's screens.
 */
export function ScreenFrame({ site, area, title, time, date, tools, exitTo, exitTestId, testId, children }: ScreenFrameProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const fit = useFit();
  const [fullscreen, toggleFullscreen] = useFullscreen();
  return (
    <ConfigProvider theme={DARK_THEME}>
      <div className="gb-screen" data-testid={testId}>
        <div className="gb-screen__canvas" style={{ width: W, height: H, transform: `scale(${fit.scale})`, left: fit.left, top: fit.top }}>
          <header className="gb-screen__head">
            <div className="gb-screen__site">
              <span>{site}</span>
              <span className="gb-screen__area">{area}</span>
            </div>
            <h1 className="gb-screen__title">{title}</h1>
            <div className="gb-screen__clock" data-testid="screen-clock">
              <span className="gb-screen__time">{time}</span>
              <span className="gb-screen__date">{date}</span>
            </div>
            <div className="gb-screen__tools">
              {tools}
              <Button type="text" icon={fullscreen ? <CompressOutlined /> : <ExpandOutlined />} onClick={toggleFullscreen} aria-label={t('factory.screen.fullscreen')} />
              <Button type="text" icon={<LogoutOutlined />} onClick={() => navigate(exitTo)} data-testid={exitTestId}>
                {t('factory.screen.exit')}
              </Button>
            </div>
          </header>
          {children}
        </div>
      </div>
    </ConfigProvider>
  );
}

/** One framed panel of a 大屏. */
export function ScreenPanel({ title, extra, className, children, testId }: { title: string; extra?: ReactNode; className?: string; children: ReactNode; testId?: string }) {
  return (
    <section className={`gb-screen-panel ${className ?? ''}`} data-testid={testId}>
      <header className="gb-screen-panel__head">
        <span className="gb-screen-panel__title">{title}</span>
        {extra}
      </header>
      <div className="gb-screen-panel__body">{children}</div>
    </section>
  );
}
