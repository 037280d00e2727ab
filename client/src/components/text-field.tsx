type TextFieldProps = {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'password' | 'url';
  maxLength?: number;
  hint?: string;
  /** A text area instead of a one-line input: for values that span lines (a PEM private key). */
  isMultiline?: boolean;
};

export function TextField({ id, label, value, onChange, type = 'text', maxLength, hint, isMultiline = false }: TextFieldProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {isMultiline ? (
        // A PEM private key spans lines, which an <input> would join; a text area keeps them. It is never autocompleted.
        <textarea
          id={id}
          value={value}
          maxLength={maxLength}
          rows={5}
          spellCheck={false}
          autoComplete="off"
          aria-describedby={hint ? `${id}-hint` : undefined}
          onChange={(event) => onChange(event.target.value)}
        />
      ) : (
        <input
          id={id}
          type={type}
          value={value}
          maxLength={maxLength}
          spellCheck={false}
          // Browsers must not offer to save exchange secrets as a site password.
          autoComplete={type === 'password' ? 'new-password' : 'off'}
          aria-describedby={hint ? `${id}-hint` : undefined}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
    </div>
  );
}
