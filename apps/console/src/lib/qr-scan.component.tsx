import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Detector {
  detect(source: HTMLVideoElement): Promise<Array<{ rawValue: string }>>;
}
type DetectorClass = new (options: { formats: string[] }) => Detector;

/** The browser's BarcodeDetector, where it has one (Chrome on Android, ChromeOS, macOS); null elsewhere. */
function barcodeDetector(): DetectorClass | null {
  const candidate = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  return typeof candidate === 'function' ? candidate : null;
}

/** Whether this browser can read a QR code from the camera; elsewhere the code is typed or a scanner types it. */
export function canScanQr(): boolean {
  return barcodeDetector() !== null && typeof navigator.mediaDevices?.getUserMedia === 'function';
}

/**
 * Reads one QR code from the rear camera (the appointments desk and a campaign site's day), then hands it over and
 * stops the camera. A refused camera says so and leaves the typed code as the way in.
 */
export function QrScan({ onCode, onStop }: { onCode: (code: string) => void; onStop: () => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const Detector = barcodeDetector();
    if (!Detector) return;
    let stream: MediaStream | null = null;
    let stopped = false;
    const detector = new Detector({ formats: ['qr_code'] });
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' } })
      .then(async (s) => {
        stream = s;
        if (!video.current || stopped) return;
        video.current.srcObject = s;
        await video.current.play();
        while (!stopped && video.current) {
          const found = await detector.detect(video.current).catch(() => []);
          const code = found[0]?.rawValue;
          if (code) {
            onCode(code);
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      })
      .catch(() => setError(t('qrScan.cameraDenied')));
    return () => {
      stopped = true;
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, [onCode, t]);
  return (
    <div className="qr-camera">
      {error ? <p role="alert">{error}</p> : <video ref={video} muted playsInline aria-label={t('qrScan.camera')} />}
      <button type="button" className="button button--secondary" onClick={onStop}>
        {t('qrScan.stopScan')}
      </button>
    </div>
  );
}
