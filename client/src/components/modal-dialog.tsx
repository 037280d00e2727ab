import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

type ModalDialogProps = {
  title: string;
  /** Called on Escape and by the dialog's own buttons; the parent unmounts the dialog. */
  onClose: () => void;
  /** Escape is ignored while true (e.g. while a request is in flight). */
  isCloseBlocked?: boolean;
  children: ReactNode;
};

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * role="dialog" with aria-modal, a focus trap and Escape to close. Not the native <dialog>:
 * jsdom has no showModal(), and the tests must exercise the same element users get.
 * Initial focus goes to the first element marked `data-autofocus`, else the first focusable one.
 */
export function ModalDialog({ title, onClose, isCloseBlocked = false, children }: ModalDialogProps) {
  const titleId = useId();
  const dialogRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const previouslyFocused = document.activeElement as HTMLElement | null;
    const appRoot = document.getElementById('root');
    appRoot?.setAttribute('inert', '');
    const dialog = dialogRef.current;
    const initial = dialog?.querySelector<HTMLElement>('[data-autofocus]') ?? dialog?.querySelector<HTMLElement>(FOCUSABLE);
    initial?.focus();
    return () => {
      appRoot?.removeAttribute('inert');
      previouslyFocused?.focus();
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      if (!isCloseBlocked) onClose();
      return;
    }
    if (event.key === 'Tab') trapFocus(event, dialogRef.current);
  };

  return createPortal(
    <div className="modal-backdrop">
      <div ref={dialogRef} className="modal" role="dialog" aria-modal="true" aria-labelledby={titleId} onKeyDown={onKeyDown}>
        <h2 id={titleId} className="modal-title">{title}</h2>
        {children}
      </div>
    </div>,
    document.body,
  );
}

function trapFocus(event: KeyboardEvent<HTMLDivElement>, dialog: HTMLDivElement | null) {
  const focusable = Array.from(dialog?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? []);
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (!first || !last) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}
