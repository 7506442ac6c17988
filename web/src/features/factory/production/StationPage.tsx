import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Empty, Input, InputNumber, type InputRef, Modal, Segmented, Select, Skeleton, Tag } from 'antd';
import { CameraOutlined, CheckCircleFilled, CloseCircleFilled, SwapOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Characteristic, Product, RoutingOp, StationEventInput } from '../../../api/types';
import { errorText, fieldText } from '../../../api/errors';
import { isApiError } from '../../../api/client';
import { can, useCurrentUser } from '../../auth/session';
import { Forbidden } from '../../shell/StatusViews';
import { useDevice, useLineDevices, useLines } from '../api';
import { compareStations, deviceName, lineName } from '../model';
import { useDefectCodes, useProducts, useStationReport, useWorkOrders } from './api';
import { fixed, nameOf, outOfSpec, productLabel, toleranceText } from './labels';
import { plantHms } from '../plantTime';
import '../factory.css';
import './production.css';

type EventKind = StationEventInput['event'];
interface Report {
  at: number;
  serial: string;
  event: EventKind;
  result?: 'OK' | 'NOK';
  op: string;
  ok: boolean;
  text: string;
}

/** How many of this session's reports the page lists. */
const RECENT = 10;
const storageKey = (userId: string) => `gearbridge.station.${userId}`;

// The browser's barcode reader (Chrome on Android, among others); the page hides the camera button without it.
interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorCtor = new (opts?: { formats?: string[] }) => BarcodeDetectorLike;
const barcodeDetector = (): BarcodeDetectorCtor | null => (globalThis as { BarcodeDetector?: BarcodeDetectorCtor }).BarcodeDetector ?? null;

/** The camera as a scanner: the first code it reads is handed back and the camera stops. */
function CameraScan({ open, onClose, onCode }: { open: boolean; onClose: () => void; onCode: (code: string) => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);
  const handOver = useRef(onCode);
  handOver.current = onCode;
  useEffect(() => {
    if (!open) return;
    const Ctor = barcodeDetector();
    if (!Ctor) return;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    setFailed(false);
    const detector = new Ctor({ formats: ['data_matrix', 'qr_code', 'code_128', 'code_39', 'ean_13'] });
    const tick = async () => {
      if (stopped || !video.current) return;
      try {
        const found = await detector.detect(video.current);
        if (found[0]?.rawValue) {
          handOver.current(found[0].rawValue);
          return;
        }
      } catch {
        // a frame that could not be read: try the next one
      }
      timer = setTimeout(() => void tick(), 250);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' } })
      .then(async (s) => {
        stream = s;
        if (stopped || !video.current) return;
        video.current.srcObject = s;
        await video.current.play();
        void tick();
      })
      .catch(() => setFailed(true));
    return () => {
      stopped = true;
      clearTimeout(timer);
      for (const tr of stream?.getTracks() ?? []) tr.stop();
    };
  }, [open]);
  return (
    <Modal open={open} onCancel={onClose} footer={null} title={t('factory.station.cameraTitle')} destroyOnHidden>
      {failed ? <Alert type="error" showIcon title={t('factory.station.cameraFailed')} /> : <video ref={video} className="gb-station-video" muted playsInline />}
    </Modal>
  );
}

/** Choosing the station this handheld serves: a line, then a device placed at one of its work cells. */
function StationPicker({ initialLine, onPick, onCancel }: { initialLine?: string; onPick: (deviceId: string) => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const lines = useLines();
  const [lineId, setLineId] = useState<string | undefined>(initialLine);
  const [deviceId, setDeviceId] = useState<string>();
  const devices = useLineDevices(lineId, false);
  const atCells = (devices.data?.items ?? []).filter((d) => d.cellCode && !d.discovered).sort((a, b) => compareStations(a.cellCode, b.cellCode) || a.code.localeCompare(b.code));
  return (
    <Card title={t('factory.station.pick')} className="gb-station-card" data-testid="station-picker">
      <p className="gb-muted">{t('factory.station.pickHint')}</p>
      <label className="gb-form-label" htmlFor="station-line">
        {t('factory.station.line')}
      </label>
      <Select
        id="station-line"
        className="gb-station-block"
        size="large"
        value={lineId}
        onChange={(v: string) => {
          setLineId(v);
          setDeviceId(undefined);
        }}
        placeholder={t('factory.station.linePlaceholder')}
        options={(lines.data ?? []).map((l) => ({ value: l.id, label: `${l.code} · ${lineName(l)}` }))}
        data-testid="station-line"
      />
      <label className="gb-form-label" htmlFor="station-device">
        {t('factory.station.device')}
      </label>
      <Select
        id="station-device"
        className="gb-station-block"
        size="large"
        showSearch={{ optionFilterProp: 'label' }}
        disabled={!lineId}
        loading={devices.isFetching}
        value={deviceId}
        onChange={setDeviceId}
        placeholder={t('factory.station.devicePlaceholder')}
        options={atCells.map((d) => ({ value: d.id, label: `${d.cellCode} · ${d.code} · ${deviceName(d)}` }))}
        data-testid="station-device"
      />
      <div className="gb-station-actions">
        {onCancel && (
          <Button size="large" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        )}
        <Button size="large" type="primary" disabled={!deviceId} onClick={() => deviceId && onPick(deviceId)} data-testid="station-pick">
          {t('common.confirm')}
        </Button>
      </div>
    </Card>
  );
}

/** The op the station performs: the line's released work order's product (else the line's product), at the device's cell. */
function useStationOp(lineId: string | null | undefined, cellCode: string | null | undefined) {
  const products = useProducts();
  // The line's released work order decides the product (as the server does); asked only once the line is known.
  const released = useWorkOrders({ status: 'released', lineId: lineId ?? undefined, pageSize: 1 }, 60_000, !!lineId);
  const productId = released.data?.items[0]?.productId;
  const product: Product | undefined = (productId && products.data?.find((p) => p.id === productId)) || products.data?.find((p) => p.lineId === lineId) || undefined;
  const op: RoutingOp | undefined = product?.ops.find((o) => o.op === cellCode);
  return { loading: products.isPending || (!!lineId && (released.isPending || released.isPlaceholderData)), product, op, workOrder: released.data?.items[0] };
}

/** A characteristic's number input with its nominal and limits; out of spec shows before anything is sent. */
function MeasureInput({
  c,
  value,
  onChange,
  inputRef,
  onEnter,
}: {
  c: Characteristic;
  value: number | null;
  onChange: (v: number | null) => void;
  inputRef: (el: HTMLInputElement | null) => void;
  onEnter: () => void;
}) {
  const { t } = useTranslation();
  const bad = value !== null && outOfSpec(value, c);
  return (
    <div className="gb-station-field" data-testid={`station-meas-${c.code}`}>
      <label className="gb-form-label" htmlFor={`meas-${c.code}`}>
        {nameOf(c)} <span className="gb-muted">({c.unit})</span>
      </label>
      <InputNumber
        id={`meas-${c.code}`}
        ref={inputRef}
        size="large"
        className="gb-station-block"
        value={value}
        onChange={(v) => onChange(typeof v === 'number' ? v : null)}
        onPressEnter={onEnter}
        status={bad ? 'error' : undefined}
        inputMode="decimal"
        step={10 ** -c.decimals}
      />
      <div className="gb-station-spec">
        <span>{t('factory.station.nominal', { value: fixed(c.nominal, c.decimals) })}</span>
        <span>{toleranceText(c)}</span>
        {bad && (
          <Tag color="error" data-testid={`station-oos-${c.code}`}>
            {t('factory.station.outOfSpec')}
          </Tag>
        )}
      </div>
    </div>
  );
}

/**
 * 工位: the station page for a handheld (390 × 844 first). The station is chosen once and remembered for this user;
 * the serial box has the focus, a scanner types into it and presses Enter, and Enter moves on to the next input the
 * operation needs (measurements, component lots) and from the last one sends the report. After each report the
 * outcome shows in one line and the focus is back in the serial box.
 */
export default function StationPage() {
  const me = useCurrentUser();
  return can(me, 'factory.station') ? <Station /> : <Forbidden />;
}

function Station() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const key = storageKey(me.user.id);
  const [stationId, setStationId] = useState<string | null>(() => localStorage.getItem(key));
  const [changing, setChanging] = useState(false);
  const device = useDevice(stationId ?? undefined);
  const { loading, product, op, workOrder } = useStationOp(device.data?.lineId, device.data?.cellCode);
  const defects = useDefectCodes();
  const report = useStationReport();
  // The device refreshes every 10 s: only a change of station takes the focus back to the serial box.
  const deviceKey = device.data?.id;

  const [event, setEvent] = useState<EventKind>('start');
  const [serial, setSerial] = useState('');
  const [result, setResult] = useState<'OK' | 'NOK'>('OK');
  const [defect, setDefect] = useState<string>();
  const [values, setValues] = useState<Record<string, number | null>>({});
  const [lots, setLots] = useState<Record<string, string>>({});
  // Tools scanned for this completion, and the code being scanned.
  const [tools, setTools] = useState<string[]>([]);
  const [toolDraft, setToolDraft] = useState('');
  const [last, setLast] = useState<Report | null>(null);
  const [recent, setRecent] = useState<Report[]>([]);
  const [camera, setCamera] = useState(false);
  const serialRef = useRef<InputRef>(null);
  const fields = useRef<(HTMLInputElement | null)[]>([]);
  const canScan = useMemo(() => !!barcodeDetector() && !!navigator.mediaDevices, []);

  const chars = event === 'complete' ? (op?.characteristics ?? []) : [];
  const comps = event === 'complete' ? (op?.components ?? []) : [];
  const focusSerial = useCallback(() => setTimeout(() => serialRef.current?.focus({ cursor: 'all' }), 0), []);

  useEffect(() => {
    if (deviceKey && !changing) focusSerial();
  }, [deviceKey, changing, focusSerial]);
  // A remembered station that is gone (deleted, or another plant's) is forgotten.
  useEffect(() => {
    if (stationId && device.error) {
      localStorage.removeItem(key);
      setStationId(null);
    }
  }, [device.error, stationId, key]);

  const pick = (id: string) => {
    localStorage.setItem(key, id);
    setStationId(id);
    setChanging(false);
    setLast(null);
  };

  const submit = () => {
    const s = serial.trim();
    if (!device.data || !op || report.isPending) return;
    if (!s) {
      setLast({ at: Date.now(), serial: '', event, op: op.op, ok: false, text: t('factory.station.serialRequired') });
      focusSerial();
      return;
    }
    if (event === 'complete' && result === 'NOK' && !defect) {
      setLast({ at: Date.now(), serial: s, event, op: op.op, ok: false, text: t('factory.station.defectRequired') });
      return;
    }
    const measurements = Object.fromEntries(chars.filter((c) => typeof values[c.code] === 'number').map((c) => [c.code, values[c.code] as number]));
    const bound = Object.fromEntries(comps.filter((c) => lots[c.code]?.trim()).map((c) => [c.code, lots[c.code].trim()]));
    // A person's tools have no machine slot: as unit/tool/<slot> from a device, keyed by their order of scanning.
    const used = event === 'complete' ? [...new Set([...tools, toolDraft.trim()].filter(Boolean))] : [];
    const input: StationEventInput = {
      deviceId: device.data.id,
      serial: s,
      event,
      ...(event === 'complete' ? { result, ...(result === 'NOK' ? { defectCode: defect } : {}) } : {}),
      ...(Object.keys(measurements).length ? { measurements } : {}),
      ...(Object.keys(bound).length ? { lots: bound } : {}),
      ...(used.length ? { tools: Object.fromEntries(used.map((code, i) => [String(i + 1), code])) } : {}),
    };
    const eventText = t(`factory.station.${event}`);
    report.mutate(input, {
      onSuccess: (r) => {
        const entry: Report = {
          at: Date.now(),
          serial: r.unit.serial,
          event,
          result: input.result,
          op: r.op,
          ok: true,
          text: t('factory.station.ok', { serial: r.unit.serial, op: r.op, event: eventText }),
        };
        setLast(entry);
        setRecent((xs) => [entry, ...xs].slice(0, RECENT));
        setSerial('');
        setValues({});
        setLots({});
        setTools([]);
        setToolDraft('');
        setDefect(undefined);
        setResult('OK');
        focusSerial();
      },
      onError: (err) => {
        const entry: Report = { at: Date.now(), serial: s, event, result: input.result, op: op.op, ok: false, text: reportError(err) };
        setLast(entry);
        setRecent((xs) => [entry, ...xs].slice(0, RECENT));
        focusSerial();
      },
    });
  };

  /** The server's refusal in one line; a field it names (a scanned serial with a space, say) with that field's message. */
  const reportError = (err: unknown) => {
    const text = errorText(err, t);
    if (!isApiError(err) || err.status !== 400) return text;
    const label: Record<string, string> = { serial: t('factory.station.serial'), result: t('factory.station.result'), defectCode: t('factory.station.defect') };
    const first = Object.keys(err.fields)[0];
    return first ? t('factory.station.fieldError', { field: label[first] ?? first, message: fieldText(err, first) }) : text;
  };

  /** Enter in input i: on to the next input, or send from the last. */
  const next = (i: number) => {
    const later = fields.current.slice(i + 1, 2 + chars.length + comps.length).find((el) => el);
    if (later) later.focus();
    else submit();
  };

  let body: React.ReactNode;
  if (!stationId || changing) body = <StationPicker initialLine={device.data?.lineId ?? undefined} onPick={pick} onCancel={changing ? () => setChanging(false) : undefined} />;
  else if (!device.data || loading) body = <Skeleton active paragraph={{ rows: 6 }} />;
  else
    body = (
      <>
        <Card className="gb-station-card gb-station-head" data-testid="station-head">
          <div className="gb-station-head__row">
            <div>
              <div className="gb-station-op">
                <span className="gb-mono">{device.data.cellCode}</span> {op ? nameOf(op) : ''}
              </div>
              <div className="gb-muted">
                <span className="gb-mono">{device.data.code}</span> · {deviceName(device.data)}
              </div>
              {product && <div className="gb-muted gb-station-product">{productLabel(product)}</div>}
              {workOrder && <div className="gb-muted gb-mono">{workOrder.number}</div>}
            </div>
            <Button icon={<SwapOutlined />} onClick={() => setChanging(true)} data-testid="station-change">
              {t('factory.station.change')}
            </Button>
          </div>
        </Card>
        {!op ? (
          <Alert type="warning" showIcon title={product ? t('factory.station.noOp') : t('factory.station.noProduct')} data-testid="station-no-op" />
        ) : (
          <Card className="gb-station-card" data-testid="station-form">
            <Segmented
              block
              size="large"
              value={event}
              onChange={(v) => {
                setEvent(v as EventKind);
                focusSerial();
              }}
              options={[
                { value: 'start', label: t('factory.station.start') },
                { value: 'complete', label: t('factory.station.complete') },
              ]}
              data-testid="station-event"
            />
            <label className="gb-form-label gb-station-label" htmlFor="station-serial">
              {t('factory.station.serial')}
            </label>
            <div className="gb-station-serial">
              <Input
                id="station-serial"
                ref={serialRef}
                size="large"
                autoFocus
                allowClear
                value={serial}
                onChange={(e) => setSerial(e.target.value)}
                onPressEnter={() => next(-1)}
                placeholder={t('factory.station.serialPlaceholder')}
                maxLength={200}
                autoComplete="off"
                data-testid="station-serial"
              />
              {canScan && <Button size="large" icon={<CameraOutlined />} onClick={() => setCamera(true)} aria-label={t('factory.station.camera')} data-testid="station-camera" />}
            </div>
            {event === 'complete' && (
              <>
                <div className="gb-form-label gb-station-label">{t('factory.station.result')}</div>
                <Segmented
                  block
                  size="large"
                  value={result}
                  onChange={(v) => setResult(v as 'OK' | 'NOK')}
                  options={[
                    { value: 'OK', label: t('factory.prod.result.OK') },
                    { value: 'NOK', label: t('factory.prod.result.NOK') },
                  ]}
                  className={result === 'NOK' ? 'gb-station-nok' : ''}
                  data-testid="station-result"
                />
                {result === 'NOK' && (
                  <Select
                    className="gb-station-block gb-station-defect"
                    size="large"
                    value={defect}
                    onChange={setDefect}
                    placeholder={t('factory.station.defectPlaceholder')}
                    options={(defects.data ?? []).map((d) => ({ value: d.code, label: `${d.code} · ${nameOf(d)}` }))}
                    data-testid="station-defect"
                  />
                )}
                {chars.length > 0 && <div className="gb-station-section">{t('factory.station.measurements')}</div>}
                {chars.map((c, i) => (
                  <MeasureInput
                    key={c.code}
                    c={c}
                    value={values[c.code] ?? null}
                    onChange={(v) => setValues((x) => ({ ...x, [c.code]: v }))}
                    inputRef={(el) => {
                      fields.current[i] = el;
                    }}
                    onEnter={() => next(i)}
                  />
                ))}
                {comps.length > 0 && <div className="gb-station-section">{t('factory.station.lots')}</div>}
                {comps.map((c, j) => (
                  <div className="gb-station-field" key={c.code}>
                    <label className="gb-form-label" htmlFor={`lot-${c.code}`}>
                      <span className="gb-mono">{c.code}</span> {nameOf(c)} ×{c.qty}
                    </label>
                    <Input
                      id={`lot-${c.code}`}
                      ref={(el) => {
                        fields.current[chars.length + j] = el?.input ?? null;
                      }}
                      size="large"
                      className="gb-station-lot"
                      value={lots[c.code] ?? ''}
                      onChange={(e) => setLots((x) => ({ ...x, [c.code]: e.target.value }))}
                      onPressEnter={() => next(chars.length + j)}
                      placeholder={t('factory.station.lotPlaceholder')}
                      maxLength={60}
                      autoComplete="off"
                      data-testid={`station-lot-${c.code}`}
                    />
                  </div>
                ))}
                <div className="gb-station-section">{t('factory.station.tools')}</div>
                {tools.length > 0 && (
                  <div className="gb-station-tools" data-testid="station-tools">
                    {tools.map((code) => (
                      <Tag
                        key={code}
                        closable
                        className="gb-mono"
                        closeIcon={<span title={t('factory.station.toolRemove', { code })}>×</span>}
                        onClose={() => setTools((xs) => xs.filter((x) => x !== code))}
                      >
                        {code}
                      </Tag>
                    ))}
                  </div>
                )}
                <Input
                  aria-label={t('factory.station.tools')}
                  ref={(el) => {
                    fields.current[chars.length + comps.length] = el?.input ?? null;
                  }}
                  size="large"
                  className="gb-station-lot"
                  value={toolDraft}
                  onChange={(e) => setToolDraft(e.target.value)}
                  onPressEnter={() => {
                    // A scanned code goes into the list; Enter on an empty box sends the report.
                    const code = toolDraft.trim();
                    if (!code) return submit();
                    setTools((xs) => (xs.includes(code) || xs.length >= 10 ? xs : [...xs, code]));
                    setToolDraft('');
                  }}
                  placeholder={t('factory.station.toolPlaceholder')}
                  maxLength={60}
                  autoComplete="off"
                  data-testid="station-tool"
                />
              </>
            )}
            <Button
              type="primary"
              size="large"
              block
              className="gb-station-submit"
              loading={report.isPending}
              onClick={submit}
              danger={event === 'complete' && result === 'NOK'}
              data-testid="station-submit"
            >
              {t(`factory.station.${event}`)}
            </Button>
            {last && (
              <div className={`gb-station-outcome gb-station-outcome--${last.ok ? 'ok' : 'bad'}`} role="status" data-testid="station-outcome" data-ok={last.ok}>
                {last.ok ? <CheckCircleFilled /> : <CloseCircleFilled />} <span>{last.text}</span>
              </div>
            )}
          </Card>
        )}
        <Card title={t('factory.station.recent')} className="gb-station-card" size="small" data-testid="station-recent">
          {recent.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('factory.station.recentEmpty')} />
          ) : (
            <ul className="gb-station-recent">
              {recent.map((r) => (
                <li key={`${r.at}-${r.serial}`} className={r.ok ? '' : 'gb-station-recent--bad'}>
                  <span className="gb-muted gb-mono">{plantHms(r.at)}</span>
                  <span className="gb-mono gb-strong">{r.serial || '—'}</span>
                  <span>
                    {r.op} {t(`factory.station.${r.event}`)}
                    {r.result && ` · ${t(`factory.prod.result.${r.result}`)}`}
                  </span>
                  {!r.ok && <span className="gb-station-recent__why">{r.text}</span>}
                </li>
              ))}
            </ul>
          )}
        </Card>
        <CameraScan
          open={camera}
          onClose={() => {
            setCamera(false);
            focusSerial();
          }}
          onCode={(code) => {
            setCamera(false);
            setSerial(code.trim());
            focusSerial();
          }}
        />
      </>
    );

  return (
    <div className="gb-station" data-testid="station-page">
      <h1 className="gb-station-title">{t('factory.station.title')}</h1>
      {body}
    </div>
  );
}
