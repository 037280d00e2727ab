import { useEffect, useId, useState, type FormEvent } from 'react';
import { KEY_ANNOTATION_LIMITS, keyAnnotationInputSchema } from '@contract/key-annotation.ts';
import { useKeyAnnotation, useSetKeyAnnotation } from '../api/key-annotations.ts';

type Fields = { owner: string; purpose: string; tags: string };
type FieldErrors = Partial<Record<keyof Fields, string>>;

const toFields = (annotation: { owner: string | null; purpose: string | null; tags: readonly string[] } | null): Fields => ({
  owner: annotation?.owner ?? '',
  purpose: annotation?.purpose ?? '',
  tags: annotation?.tags.join(', ') ?? '',
});
/** "bot, prod" or "bot prod": commas or spaces between tags (a tag holds neither). */
const splitTags = (text: string) => text.split(/[\s,]+/).filter((tag) => tag !== '');

/**
 * Owner, purpose and tags of one key: who to ask before revoking it. Saved in the vault (memory in the demo) on
 * Save; checked here with the server's own schema first, so each field says what is wrong with it.
 */
export function KeyAnnotationForm({ keyId }: { keyId: string }) {
  const id = useId();
  const annotation = useKeyAnnotation(keyId);
  const save = useSetKeyAnnotation(keyId);
  const [fields, setFields] = useState<Fields>(() => toFields(annotation));
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);

  // What the server holds arrives after the panel opened (or changed in another tab): shown unless being edited.
  useEffect(() => {
    if (!dirty) setFields(toFields(annotation));
  }, [annotation, dirty]);

  const change = (field: keyof Fields) => (value: string) => {
    setFields((previous) => ({ ...previous, [field]: value }));
    setDirty(true);
    setSaved(false);
    setErrors((previous) => ({ ...previous, [field]: undefined }));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = keyAnnotationInputSchema.safeParse({ owner: fields.owner, purpose: fields.purpose, tags: splitTags(fields.tags) });
    if (!parsed.success) {
      const found: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as keyof Fields;
        found[field] ??= issue.message;
      }
      setErrors(found);
      return;
    }
    save.mutate(
      { owner: fields.owner, purpose: fields.purpose, tags: splitTags(fields.tags) },
      {
        onSuccess: () => {
          setDirty(false);
          setSaved(true);
        },
      },
    );
  };

  const field = (name: keyof Fields, label: string, hint: string, maxLength: number) => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <input
        id={`${id}-${name}`}
        type="text"
        value={fields[name]}
        maxLength={maxLength}
        autoComplete="off"
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={`${id}-${name}-hint`}
        onChange={(event) => change(name)(event.target.value)}
      />
      <p id={`${id}-${name}-hint`} className={errors[name] ? 'hint field-error' : 'hint'}>
        {errors[name] ? `${label}: ${errors[name]}.` : hint}
      </p>
    </div>
  );

  return (
    <section aria-labelledby={`${id}-title`} className="key-annotation">
      <h3 id={`${id}-title`}>Owner and tags</h3>
      <form onSubmit={onSubmit} noValidate>
        <div className="key-annotation-fields">
          {field('owner', 'Owner', 'The person or bot that uses this key.', KEY_ANNOTATION_LIMITS.owner)}
          {field('tags', 'Tags', `Up to ${KEY_ANNOTATION_LIMITS.tags}, separated by commas: bot, prod.`, KEY_ANNOTATION_LIMITS.tags * (KEY_ANNOTATION_LIMITS.tag + 2))}
          {field('purpose', 'Purpose', 'What it is for.', KEY_ANNOTATION_LIMITS.purpose)}
        </div>
        <div className="form-actions">
          <button type="submit" className="button-secondary button-small" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save owner and tags'}
          </button>
          <span role="status" className="muted">
            {saved && !dirty ? 'Saved. Kept encrypted in the vault (in memory in the demo).' : ''}
          </span>
        </div>
        {save.isError && (
          <p role="alert" className="field-error">
            Not saved: {save.error.message}
          </p>
        )}
      </form>
    </section>
  );
}
