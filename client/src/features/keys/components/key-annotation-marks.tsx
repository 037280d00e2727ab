import { useKeyAnnotation } from '../api/key-annotations.ts';

/**
 * Under a key's label in the table: its owner and tags, as the user wrote them (the detail panel edits them). The
 * purpose shows on hover and in the panel; the row stays one line taller at most.
 */
export function KeyAnnotationMarks({ keyId }: { keyId: string }) {
  const annotation = useKeyAnnotation(keyId);
  if (!annotation) return null;
  return (
    <span className="key-annotation-marks" title={annotation.purpose ?? undefined}>
      {annotation.owner && (
        <span className="key-owner">
          <span className="visually-hidden">Owner: </span>
          {annotation.owner}
        </span>
      )}
      {annotation.tags.map((tag) => (
        <span key={tag} className="key-tag">
          <span className="visually-hidden">tag </span>#{tag}
        </span>
      ))}
    </span>
  );
}
