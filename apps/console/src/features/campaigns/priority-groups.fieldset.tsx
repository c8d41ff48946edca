import { LOCALES } from '@homeward/shared';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../forms/field.component.tsx';
import type { GroupDraft } from './campaign-draft.ts';

/**
 * The priority groups of a campaign, each a small fieldset (code, rank, name in both languages) with its own
 * Remove button; Add appends one ranked after the others.
 */
export function PriorityGroupsFieldset({
  groups,
  onChange,
  errorFor,
}: {
  groups: GroupDraft[];
  onChange: (groups: GroupDraft[]) => void;
  errorFor: (fieldId: string) => string | undefined;
}) {
  const { t } = useTranslation();
  // Keys for groups added here; those loaded from the campaign use their index, far below.
  const nextKey = useRef(1000);
  const change = (key: number, patch: Partial<GroupDraft>) =>
    onChange(groups.map((g) => (g.key === key ? { ...g, ...patch } : g)));
  return (
    <fieldset className="fieldset camp-groups" id="camp-groups" tabIndex={-1} aria-describedby="camp-groups-hint">
      <legend className="label">{t('campaigns.fields.priorityGroups')}</legend>
      <p className="hint" id="camp-groups-hint">
        {t('campaigns.form.groupsHint')}
      </p>
      {groups.length === 0 ? <p>{t('campaigns.form.noGroups')}</p> : null}
      {groups.map((g, index) => (
        <fieldset key={g.key} className="camp-group">
          <legend>{t('campaigns.form.group', { n: index + 1 })}</legend>
          <div className="camp-group__fields">
            <Field
              id={`camp-group-${g.key}-code`}
              label={t('campaigns.form.groupCode')}
              hint={t('campaigns.form.groupCodeHint')}
              error={errorFor(`camp-group-${g.key}-code`)}
            >
              {(props) => (
                <input
                  {...props}
                  className={`${props.className} input--code`}
                  autoComplete="off"
                  spellCheck={false}
                  value={g.code}
                  onChange={(e) => change(g.key, { code: e.target.value })}
                />
              )}
            </Field>
            <Field
              id={`camp-group-${g.key}-rank`}
              label={t('campaigns.form.groupRank')}
              hint={t('campaigns.form.groupRankHint')}
              error={errorFor(`camp-group-${g.key}-rank`)}
            >
              {(props) => (
                <input
                  {...props}
                  className={`${props.className} camp-input--short`}
                  inputMode="numeric"
                  value={g.rank}
                  onChange={(e) => change(g.key, { rank: e.target.value })}
                />
              )}
            </Field>
            {LOCALES.map((l) => (
              <Field
                key={l}
                id={`camp-group-${g.key}-${l}`}
                label={t('campaigns.form.groupLabel', { language: t(`campaigns.language.${l}`) })}
                error={errorFor(`camp-group-${g.key}-${l}`)}
              >
                {(props) => (
                  <input
                    {...props}
                    lang={l}
                    value={g.label[l]}
                    onChange={(e) => change(g.key, { label: { ...g.label, [l]: e.target.value } })}
                  />
                )}
              </Field>
            ))}
          </div>
          <button type="button" className="link-button" onClick={() => onChange(groups.filter((x) => x.key !== g.key))}>
            {t('campaigns.form.removeGroup', { n: index + 1 })}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        className="button button--secondary"
        onClick={() => {
          const rank = String(groups.reduce((max, g) => Math.max(max, Number(g.rank) || 0), 0) + 1);
          nextKey.current += 1;
          onChange([...groups, { key: nextKey.current, code: '', rank, label: { 'zh-CN': '', en: '' } }]);
        }}
      >
        {t('campaigns.form.addGroup')}
      </button>
    </fieldset>
  );
}
