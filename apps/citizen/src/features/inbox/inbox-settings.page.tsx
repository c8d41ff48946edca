import './inbox.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { LoadFailed } from '../offline/offline.component.tsx';
import { fetchPreferences, type OutwardChannelName, savePreferences } from './inbox.api.ts';
import { currentSubscription, disablePush, enablePush, pushSupported } from './push.client.ts';

type PushState = 'unsupported' | 'checking' | 'off' | 'on' | 'denied' | 'failed';

/** How messages reach this person: push on this device, and the order push, e-mail and SMS are tried in. */
export function InboxSettingsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('inbox.settings.title'));
  return (
    <>
      <p>
        <Link to="/inbox">{t('inbox.backToInbox')}</Link>
      </p>
      <h1>{t('inbox.settings.title')}</h1>
      <p>{t('inbox.settings.lead')}</p>
      <PushSection />
      <ChannelOrderSection />
    </>
  );
}

function PushSection() {
  const { t } = useTranslation();
  const [state, setState] = useState<PushState>(pushSupported() ? 'checking' : 'unsupported');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!pushSupported()) return;
    if (Notification.permission === 'denied') {
      setState('denied');
      return;
    }
    currentSubscription().then(
      (s) => setState(s ? 'on' : 'off'),
      () => setState('off'),
    );
  }, []);

  async function turn(on: boolean) {
    setBusy(true);
    try {
      if (on) {
        const permission = await enablePush();
        setState(permission === 'granted' ? 'on' : permission === 'denied' ? 'denied' : 'off');
      } else {
        await disablePush();
        setState('off');
      }
    } catch {
      setState('failed');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="push-heading" className="inbox-settings__section">
      <h2 id="push-heading">{t('inbox.push.heading')}</h2>
      <p role="status">{t(`inbox.push.state.${state}`)}</p>
      {state === 'off' || state === 'failed' ? (
        <button type="button" className="button" disabled={busy} onClick={() => void turn(true)}>
          {t('inbox.push.enable')}
        </button>
      ) : null}
      {state === 'on' ? (
        <button type="button" className="button button--secondary" disabled={busy} onClick={() => void turn(false)}>
          {t('inbox.push.disable')}
        </button>
      ) : null}
    </section>
  );
}

function ChannelOrderSection() {
  const { t } = useTranslation();
  const [order, setOrder] = useState<OutwardChannelName[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [saved, setSaved] = useState<'idle' | 'saving' | 'saved' | 'error'>('idle');
  const [tick, setTick] = useState(0);
  useEffect(() => {
    void tick;
    const controller = new AbortController();
    setFailed(false);
    fetchPreferences(controller.signal).then(
      (p) => setOrder(p.channelOrder),
      () => {
        if (!controller.signal.aborted) setFailed(true);
      },
    );
    return () => controller.abort();
  }, [tick]);

  function move(index: number, by: -1 | 1) {
    setOrder((list) => {
      if (!list) return list;
      const next = [...list];
      const [item] = next.splice(index, 1);
      if (item) next.splice(index + by, 0, item);
      return next;
    });
    setSaved('idle');
  }

  async function save() {
    if (!order) return;
    setSaved('saving');
    try {
      setOrder((await savePreferences(order)).channelOrder);
      setSaved('saved');
    } catch {
      setSaved('error');
    }
  }

  return (
    <section aria-labelledby="order-heading" className="inbox-settings__section">
      <h2 id="order-heading">{t('inbox.order.heading')}</h2>
      <p>{t('inbox.order.lead')}</p>
      {failed ? <LoadFailed onRetry={() => setTick((n) => n + 1)} /> : null}
      {order ? (
        <>
          <ol className="channel-order">
            {order.map((channel, index) => (
              <li key={channel} className="channel-order__item">
                <span className="channel-order__name">{t(`inbox.channel.${channel}`)}</span>
                <span className="channel-order__buttons">
                  <button
                    type="button"
                    className="button button--secondary"
                    disabled={index === 0}
                    onClick={() => move(index, -1)}
                    aria-label={t('inbox.order.up', { channel: t(`inbox.channel.${channel}`) })}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="button button--secondary"
                    disabled={index === order.length - 1}
                    onClick={() => move(index, 1)}
                    aria-label={t('inbox.order.down', { channel: t(`inbox.channel.${channel}`) })}
                  >
                    ↓
                  </button>
                </span>
              </li>
            ))}
          </ol>
          <p className="hint">{t('inbox.order.inapp')}</p>
          <button type="button" className="button" disabled={saved === 'saving'} onClick={() => void save()}>
            {t('inbox.order.save')}
          </button>
          <p role="status" className="hint">
            {saved === 'saved' ? t('inbox.order.saved') : saved === 'error' ? t('inbox.order.error') : ''}
          </p>
        </>
      ) : null}
    </section>
  );
}
