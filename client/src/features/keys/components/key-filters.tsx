import { memo, useId, useMemo } from 'react';
import { EXCHANGE_NAMES } from '@contract/exchanges.ts';
import { CAPABILITIES } from '@contract/capability.ts';
import { SEVERITIES } from '@contract/finding.ts';
import { SEVERITY_LABELS } from '../../../components/severity-badge.tsx';
import { accountShortName } from '../../../utils/describe-account.ts';
import type { UpdateKeyViewState } from '../hooks/use-key-view-state.ts';
import type { KeyRowModel } from '../utils/key-row-model.ts';
import { EXPIRES_SOON_DAYS, type KeyViewState } from '../utils/key-view-state.ts';
import type { KeyAnnotationsById } from '../api/key-annotations.ts';

type Option = [value: string, text: string];
type KeyFiltersProps = { rows: readonly KeyRowModel[]; annotations?: KeyAnnotationsById; state: KeyViewState; update: UpdateKeyViewState };

/** Search, dropdowns and toggles over the key list; every value is mirrored in the URL. */
export function KeyFilters({ rows, annotations = NO_ANNOTATIONS, state, update }: KeyFiltersProps) {
  const options = useMemo(() => optionsFrom(rows), [rows]);
  const annotationOptions = useMemo(() => annotationOptionsFrom(rows, annotations), [rows, annotations]);
  const searchId = useId();
  return (
    <div className="key-filters" role="search" aria-label="Filter keys">
      <div className="filter-field filter-search">
        <label htmlFor={searchId}>Search keys</label>
        <input id={searchId} type="search" placeholder="Label, key, owner or tag" value={state.q} onChange={(event) => update({ q: event.target.value })} />
      </div>
      <FilterSelect field="exchange" label="Exchange" allText="All exchanges" options={options.exchanges} value={state.exchange} update={update} />
      <FilterSelect field="account" label="Account" allText="All accounts" options={options.accounts} value={state.account} update={update} />
      <FilterSelect field="capability" label="Capability" allText="Any capability" options={options.capabilities} value={state.capability} update={update} />
      <FilterSelect field="severity" label="Severity" allText="Any severity" options={SEVERITY_OPTIONS} value={state.severity} update={update} />
      <FilterSelect field="expiry" label="Expires" allText="Any expiry" options={EXPIRY_OPTIONS} value={state.expiry} update={update} />
      <FilterSelect field="use" label="Last used" allText="Any use" options={USE_OPTIONS} value={state.use} update={update} />
      <OwnerSelect options={annotationOptions.owners} owner={state.owner} noOwner={state.noOwner} update={update} />
      <FilterSelect field="tag" label="Tag" allText="Any tag" options={annotationOptions.tags} value={state.tag} update={update} />
      <div className="filter-checks">
        <FilterCheck label="No IP whitelist" checked={state.noWhitelist} onChange={(noWhitelist) => update({ noWhitelist })} />
        <FilterCheck label="Can withdraw" checked={state.canWithdraw} onChange={(canWithdraw) => update({ canWithdraw })} />
        <FilterCheck label="Linked to a third party" checked={state.thirdParty} onChange={(thirdParty) => update({ thirdParty })} />
        <FilterCheck label="Show accepted" checked={state.showAccepted} onChange={(showAccepted) => update({ showAccepted })} />
      </div>
    </div>
  );
}

/** The worst open finding of a key; "none" lists keys without any. */
const SEVERITY_OPTIONS: Option[] = [...SEVERITIES.map((severity): Option => [severity, SEVERITY_LABELS[severity]]), ['none', 'No open findings']];

const EXPIRY_OPTIONS: Option[] = [
  ['soon', `Within ${EXPIRES_SOON_DAYS} days (or expired)`],
  ['none', 'No expiry'],
];
/** Only where the exchange reports use (docs: the exchange table's reportsLastUse). */
const USE_OPTIONS: Option[] = [
  ['never', 'Never used'],
  ['unused30', 'Unused for 30+ days'],
  ['unused90', 'Unused for 90+ days'],
  ['unused365', 'Unused for a year+'],
];

/** Only values that occur in this audit, so no choice leads to an empty list by construction. */
function optionsFrom(rows: readonly KeyRowModel[]) {
  const exchanges = new Set(rows.map((row) => row.key.exchange));
  const accounts = new Map(rows.map((row) => [row.accountValue, accountShortName(row.key.account)]));
  const capabilities = new Set(rows.flatMap((row) => row.key.capabilities.map(({ capability }) => capability)));
  return {
    exchanges: [...exchanges].map((id): Option => [id, EXCHANGE_NAMES[id]]),
    accounts: [...accounts].sort(([a], [b]) => (a === 'master' ? -1 : b === 'master' ? 1 : a.localeCompare(b))),
    capabilities: CAPABILITIES.filter((capability) => capabilities.has(capability)).map((capability): Option => [capability, capability]),
  };
}

const NO_ANNOTATIONS: KeyAnnotationsById = new Map();
/** The Owner select's value for "No owner"; owners' own names are sent as `=name`, so none can collide with it. */
const NO_OWNER_VALUE = 'none';

/** Owners and tags of the keys in this audit (an annotation of a key no longer listed offers nothing). */
function annotationOptionsFrom(rows: readonly KeyRowModel[], annotations: KeyAnnotationsById) {
  const owners = new Set<string>();
  const tags = new Set<string>();
  if (annotations.size > 0) {
    for (const row of rows) {
      const annotation = annotations.get(row.key.id);
      if (!annotation) continue;
      if (annotation.owner !== null) owners.add(annotation.owner);
      for (const tag of annotation.tags) tags.add(tag);
    }
  }
  const sorted = (values: Set<string>) => [...values].sort((a, b) => a.localeCompare(b)).map((value): Option => [value, value]);
  return { owners: sorted(owners), tags: sorted(tags) };
}

/** Any owner, no owner, or one owner: two URL parameters (owner, noOwner) behind one select. */
const OwnerSelect = memo(function OwnerSelect({ options, owner, noOwner, update }: { options: Option[]; owner: string | null; noOwner: boolean; update: UpdateKeyViewState }) {
  const id = useId();
  const shown = owner !== null && !options.some(([value]) => value === owner) ? [...options, [owner, owner] as Option] : options;
  const value = noOwner ? NO_OWNER_VALUE : owner === null ? '' : `=${owner}`;
  return (
    <div className="filter-field">
      <label htmlFor={id}>Owner</label>
      <select
        id={id}
        value={value}
        onChange={(event) => {
          const chosen = event.target.value;
          update({ noOwner: chosen === NO_OWNER_VALUE, owner: chosen.startsWith('=') ? chosen.slice(1) : null });
        }}
      >
        <option value="">Any owner</option>
        <option value={NO_OWNER_VALUE}>No owner</option>
        {shown.map(([name]) => (
          <option key={name} value={`=${name}`}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
});

type FilterSelectProps = {
  field: 'exchange' | 'account' | 'capability' | 'severity' | 'expiry' | 'use' | 'tag';
  label: string;
  allText: string;
  options: Option[];
  value: string | null;
  update: UpdateKeyViewState;
};

/**
 * Memoized, with stable props: the account list has one option per sub-account (thousands), and a
 * controlled <select> that re-renders walks all its options in the DOM, on every keystroke in the search.
 */
const FilterSelect = memo(function FilterSelect({ field, label, allText, options, value, update }: FilterSelectProps) {
  const id = useId();
  // A value from a bookmark that this audit no longer has stays selectable, so the filter is visible.
  const missingValue = value !== null && !options.some(([candidate]) => candidate === value) ? value : null;
  const optionElements = useMemo(
    () =>
      (missingValue === null ? options : [...options, [missingValue, missingValue] as Option]).map(([optionValue, text]) => (
        <option key={optionValue} value={optionValue}>
          {text}
        </option>
      )),
    [options, missingValue],
  );
  return (
    <div className="filter-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(event) => update({ [field]: event.target.value || null })}>
        <option value="">{allText}</option>
        {optionElements}
      </select>
    </div>
  );
});

function FilterCheck({ label, checked, onChange }: { label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label className="inline-check">
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      {label}
    </label>
  );
}
