import './certificates.css';
import { type HcertVerdict, verifyWithLists } from '@homeward/hcert';
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { SavedAge } from '../offline/offline.component.tsx';
import { type LoadedLists, loadVerifierLists } from './certificates.lists.ts';
import { qrDetector, readQrFromImage } from './qr-image.ts';
import { RuleResults } from './rules.component.tsx';
import { Verdict } from './verdict.component.tsx';

type ListsState = { status: 'loading' } | { status: 'missing' } | { status: 'ready'; loaded: LoadedLists };

/**
 * Offline verification in the browser skips the JSON-schema step: the page's Content-Security-Policy forbids
 * the code generation Ajv needs, and the signature already proves the issuer wrote exactly this payload.
 */
const VERIFY_OPTIONS = { schemas: false } as const;
const SCAN_INTERVAL_MS = 250;

function useVerifierLists() {
  const [state, setState] = useState<ListsState>({ status: 'loading' });
  const refresh = useCallback(async () => {
    const loaded = await loadVerifierLists();
    setState(loaded ? { status: 'ready', loaded } : { status: 'missing' });
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return { state, refresh };
}

/** Reads QR codes from the camera: the browser's BarcodeDetector where there is one, else jsQR on frames. */
function CameraScanner({ onText }: { onText: (text: string) => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [failed, setFailed] = useState(false);
  const supported = typeof navigator !== 'undefined' && Boolean(navigator.mediaDevices?.getUserMedia);

  const stop = useCallback(() => {
    for (const track of stream?.getTracks() ?? []) track.stop();
    setStream(null);
  }, [stream]);

  useEffect(() => {
    const element = video.current;
    if (!stream || !element) return;
    element.srcObject = stream;
    void element.play().catch(() => {});
    const detector = qrDetector();
    const canvas = document.createElement('canvas');
    let busy = false;
    const timer = window.setInterval(async () => {
      if (busy || element.readyState < 2) return;
      busy = true;
      try {
        let text: string | null = null;
        if (detector) {
          text = (await detector.detect(element))[0]?.rawValue ?? null;
        } else {
          canvas.width = element.videoWidth;
          canvas.height = element.videoHeight;
          canvas.getContext('2d')?.drawImage(element, 0, 0);
          text = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve)).then((blob) =>
            blob ? readQrFromImage(blob) : null,
          );
        }
        if (text) {
          for (const track of stream.getTracks()) track.stop();
          setStream(null);
          onText(text);
        }
      } finally {
        busy = false;
      }
    }, SCAN_INTERVAL_MS);
    return () => window.clearInterval(timer);
  }, [stream, onText]);

  useEffect(() => () => stop(), [stop]);

  if (!supported) return <p className="hint">{t('certificates.verify.cameraUnsupported')}</p>;
  return (
    <>
      {stream ? (
        <>
          <video
            ref={video}
            className="hc-camera"
            muted
            playsInline
            aria-label={t('certificates.verify.cameraPreview')}
          />
          <div className="button-row">
            <button type="button" className="button button--secondary" onClick={stop}>
              {t('certificates.verify.cameraStop')}
            </button>
          </div>
        </>
      ) : (
        <div className="button-row">
          <button
            type="button"
            className="button"
            onClick={async () => {
              setFailed(false);
              try {
                setStream(await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } }));
              } catch {
                setFailed(true);
              }
            }}
          >
            {t('certificates.verify.cameraStart')}
          </button>
        </div>
      )}
      {failed ? (
        <p className="notice" role="alert">
          {t('certificates.verify.cameraFailed')}
        </p>
      ) : null}
    </>
  );
}

/** Public verifier for border and airline staff: scan, upload or paste an HC1 certificate; works offline. */
export function VerifyPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('certificates.verify.title'));
  const { state, refresh } = useVerifierLists();
  const [text, setText] = useState('');
  const [result, setResult] = useState<{ verdict: HcertVerdict; checkedAt: number } | null>(null);
  const [pictureError, setPictureError] = useState(false);
  const [destinationCode, setDestinationCode] = useState('');
  const destination =
    state.status === 'ready'
      ? (state.loaded.rules?.destinations.find((entry) => entry.country === destinationCode) ?? null)
      : null;

  const check = useCallback(
    async (input: string) => {
      if (state.status !== 'ready') return;
      const verdict = await verifyWithLists(input.trim(), state.loaded.lists, VERIFY_OPTIONS);
      setResult({ verdict, checkedAt: Date.now() });
    },
    [state],
  );
  const onScanned = useCallback(
    (scanned: string) => {
      setText(scanned);
      void check(scanned);
    },
    [check],
  );

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void check(text);
  };

  return (
    <>
      <h1>{t('certificates.verify.title')}</h1>
      <p className="lead">{t('certificates.verify.lead')}</p>

      <section aria-labelledby="lists-heading" className="panel">
        <h2 id="lists-heading">{t('certificates.verify.listsHeading')}</h2>
        {state.status === 'loading' ? <p>{t('certificates.verify.listsLoading')}</p> : null}
        {state.status === 'missing' ? (
          <p className="notice" role="alert">
            {t('certificates.verify.listsMissing')}
          </p>
        ) : null}
        {state.status === 'ready' ? (
          <>
            <p>
              {t(state.loaded.fresh ? 'certificates.verify.listsFresh' : 'certificates.verify.listsOffline', {
                count: [...state.loaded.lists.trustList.byKid.values()].flat().length,
              })}
            </p>
            <SavedAge savedAt={state.loaded.savedAt} />
          </>
        ) : null}
        <button type="button" className="button button--secondary" onClick={() => void refresh()}>
          {t('certificates.verify.listsRefresh')}
        </button>
      </section>

      {state.status === 'ready' ? (
        <>
          {state.loaded.rules && state.loaded.rules.destinations.length > 0 ? (
            <div className="form-group">
              <label className="label" htmlFor="hc-destination">
                {t('certificates.verify.destinationLabel')}
              </label>
              <p className="hint" id="hc-destination-hint">
                {t('certificates.verify.destinationHint')}
              </p>
              <select
                id="hc-destination"
                className="select"
                aria-describedby="hc-destination-hint"
                value={destinationCode}
                onChange={(event) => setDestinationCode(event.target.value)}
              >
                <option value="">{t('certificates.verify.destinationNone')}</option>
                {state.loaded.rules.destinations.map((entry) => (
                  <option key={entry.country} value={entry.country}>
                    {entry.name[i18n.language] ?? entry.name.en ?? entry.country}
                  </option>
                ))}
              </select>
            </div>
          ) : null}

          <div aria-live="polite">
            {result ? <Verdict verdict={result.verdict} checkedAt={result.checkedAt} /> : null}
            {result?.verdict.ok && destination ? (
              <RuleResults destination={destination} payload={result.verdict.payload} checkedAt={result.checkedAt} />
            ) : null}
          </div>

          <section aria-labelledby="scan-heading">
            <h2 id="scan-heading">{t('certificates.verify.scanHeading')}</h2>
            <CameraScanner onText={onScanned} />
          </section>

          <section aria-labelledby="picture-heading">
            <h2 id="picture-heading">{t('certificates.verify.pictureHeading')}</h2>
            <div className="form-group">
              <label className="label" htmlFor="hc-picture">
                {t('certificates.verify.pictureLabel')}
              </label>
              <p className="hint" id="hc-picture-hint">
                {t('certificates.verify.pictureHint')}
              </p>
              {pictureError ? (
                <p className="error-message" id="hc-picture-error">
                  <span className="visually-hidden">{t('errors.prefix')}</span>
                  {t('certificates.verify.pictureNoCode')}
                </p>
              ) : null}
              <input
                id="hc-picture"
                type="file"
                accept="image/*"
                aria-describedby={pictureError ? 'hc-picture-hint hc-picture-error' : 'hc-picture-hint'}
                onChange={async (event) => {
                  const input = event.currentTarget;
                  const file = input.files?.[0];
                  // Cleared, so that choosing the same picture again (after the lists changed) checks it again.
                  input.value = '';
                  if (!file) return;
                  const scanned = await readQrFromImage(file);
                  setPictureError(scanned === null);
                  if (scanned) onScanned(scanned);
                }}
              />
            </div>
          </section>

          <section aria-labelledby="paste-heading">
            <h2 id="paste-heading">{t('certificates.verify.pasteHeading')}</h2>
            <form onSubmit={onSubmit} noValidate>
              <div className="form-group">
                <label className="label" htmlFor="hc-text">
                  {t('certificates.verify.pasteLabel')}
                </label>
                <p className="hint" id="hc-text-hint">
                  {t('certificates.verify.pasteHint')}
                </p>
                <textarea
                  id="hc-text"
                  className="input hc-textarea"
                  aria-describedby="hc-text-hint"
                  spellCheck={false}
                  autoCapitalize="off"
                  autoComplete="off"
                  value={text}
                  onChange={(event) => setText(event.target.value)}
                />
              </div>
              <div className="button-row">
                <button type="submit" className="button">
                  {t('certificates.verify.check')}
                </button>
              </div>
            </form>
          </section>
        </>
      ) : null}
    </>
  );
}
