import './campaigns.css';
import { problemTitle, type RegisterForCampaignBody } from '@homeward/shared';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { ErrorSummary, errorsFromApi, useFormErrors } from '../accounts/form.components.tsx';
import { useResource } from '../cases/use-resource.hook.ts';
import { LoadFailed } from '../offline/offline.component.tsx';
import {
  DateInputs,
  type DateParts,
  firstDateId,
  isoFromParts,
  NO_DATE,
  RadioGroup,
} from '../registration/registration.fields.tsx';
import { campaignPath, countryName, isActive, type MyCampaignDetail } from './campaigns.api.ts';
import { savePending, sendPending } from './campaigns.pending.ts';

const NONE = 'none';

/**
 * Registering for a campaign: the priority group that applies (or none), the preferred site, and the date of
 * birth when the registry does not have it and the campaign has an age limit. Sent with an Idempotency-Key; with
 * no network it waits on this phone and goes out when the network returns.
 */
export function RegisterCampaignPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const detail = useResource<MyCampaignDetail>(campaignPath(id));
  const campaign = detail.data;
  const [group, setGroup] = useState('');
  const [site, setSite] = useState('');
  const [birth, setBirth] = useState<DateParts>(NO_DATE);
  const [busy, setBusy] = useState(false);
  const birthId = firstDateId('birthDate', locale);
  const order = useMemo(() => ['priorityGroup-first', 'preferredSite-first', birthId], [birthId]);
  const errors = useFormErrors(order);
  useDocumentTitle(t('campaigns.register.title'), errors.hasErrors);

  const groups = campaign?.eligibility.priorityGroups ?? [];
  const groupOptions = [
    ...groups.map((g) => ({ value: g.code, label: g.label[locale] })),
    { value: NONE, label: t('campaigns.register.noGroup') },
  ];
  const siteOptions = (campaign?.sites ?? []).map((s) => ({
    value: s.id,
    label: t('campaigns.register.siteOption', {
      site: t('campaigns.siteIn', { site: s.name[locale], country: countryName(s.country, locale) }),
      address: s.address,
    }),
  }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!campaign) return;
    const fields: Record<string, string> = {};
    if (groups.length > 0 && !group) fields['priorityGroup-first'] = t('campaigns.register.errors.group');
    if (!site) fields['preferredSite-first'] = t('campaigns.register.errors.site');
    const birthDate = campaign.needsBirthDate ? isoFromParts(birth) : '';
    if (campaign.needsBirthDate && !birthDate) fields[birthId] = t('campaigns.register.errors.birthDate');
    if (Object.keys(fields).length > 0) {
      errors.show({ fields, form: null });
      return;
    }
    const body: RegisterForCampaignBody = {
      priorityGroup: group && group !== NONE ? group : null,
      preferredSiteId: site,
      ...(birthDate ? { birthDate } : {}),
    };
    setBusy(true);
    errors.clear();
    const outcome = await sendPending(savePending(campaign.id, body));
    setBusy(false);
    if (outcome.kind === 'refused') {
      errors.show(
        errorsFromApi(
          outcome.error,
          {
            '/body/priorityGroup': 'priorityGroup-first',
            '/body/preferredSiteId': 'preferredSite-first',
            '/body/birthDate': birthId,
          },
          t('errors.network'),
        ),
      );
      return;
    }
    navigate(`/campaigns/${campaign.id}`, {
      state: { note: outcome.kind === 'sent' ? t('campaigns.register.sent') : t('campaigns.register.saved') },
    });
  }

  // RadioGroup names its first radio `${id}-${value}`: the summary links point at these wrappers' first input.
  const firstGroup = groupOptions[0]?.value ?? NONE;
  const firstSite = siteOptions[0]?.value ?? '';
  const fieldError = (key: string) => errors.fields[key];
  return (
    <>
      <p>
        <Link to={`/campaigns/${id}`}>{t('campaigns.register.back')}</Link>
      </p>
      {detail.status === 'loading' ? (
        <p role="status" className="hint">
          {t('common.loading')}
        </p>
      ) : null}
      {detail.status === 'error' ? <LoadFailed onRetry={detail.retry} /> : null}
      {campaign?.myRegistration && isActive(campaign.myRegistration) ? (
        <div className="panel" role="status">
          <p>{problemTitle('already_registered', locale)}</p>
          <p>
            <Link to={`/campaigns/${campaign.id}`}>{t('campaigns.register.back')}</Link>
          </p>
        </div>
      ) : null}
      {campaign && !(campaign.myRegistration && isActive(campaign.myRegistration)) ? (
        <>
          <span className="caption">{campaign.title[locale]}</span>
          <h1>{t('campaigns.register.title')}</h1>
          <ErrorSummary
            errors={errors.summary.map((e) => ({
              ...e,
              fieldId:
                e.fieldId === 'priorityGroup-first'
                  ? `priorityGroup-${firstGroup}`
                  : e.fieldId === 'preferredSite-first'
                    ? `preferredSite-${firstSite}`
                    : e.fieldId,
            }))}
            version={errors.version}
          />
          <form className="camp-form" onSubmit={submit} noValidate>
            {groups.length > 0 ? (
              <RadioGroup
                id="priorityGroup"
                legend={t('campaigns.register.group')}
                hint={t('campaigns.register.groupHint')}
                error={fieldError('priorityGroup-first')}
                value={group}
                onChange={setGroup}
                options={groupOptions}
              />
            ) : null}
            <RadioGroup
              id="preferredSite"
              legend={t('campaigns.register.site')}
              hint={t('campaigns.register.siteHint')}
              error={fieldError('preferredSite-first')}
              value={site}
              onChange={setSite}
              options={siteOptions}
            />
            {campaign.needsBirthDate ? (
              <DateInputs
                id="birthDate"
                legend={t('campaigns.register.birthDate')}
                hint={t('campaigns.register.birthDateHint')}
                error={fieldError(birthId)}
                value={birth}
                onChange={setBirth}
                birthday
              />
            ) : null}
            <button type="submit" className="button" disabled={busy}>
              {t('campaigns.register.submit')}
            </button>
          </form>
        </>
      ) : null}
    </>
  );
}
