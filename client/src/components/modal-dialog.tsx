import { useEffect, useId, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

type ModalDialogProps = {
  title: string;
  /** Called on Escape and by the dialog's own buttons; the parent unmounts the dialog. */
  onClose: () => void;
  /** Escape is ignored while true (e.g. while a request is in flight). */
  isCloseBlocked?: boolean;
  /** Where focus goes on close when the element that opened the dialog is gone (e.g. its row was removed). */
  getFallbackFocus?: () => HTMLElement | null;
  /** Room for lists (the bulk revoke): wider, with the body scrolling inside the viewport. */
  isWide?: boolean;
  children: ReactNode;
};

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * role="dialog" with aria-modal, a focus trap and Escape to close. Not the native <dialog>:
 * jsdom has no showModal(), and the tests must exercise the same element users get.
 * Initial focus goes to the first element marked `data-autofocus`, else the first focusable one.
 */
export function ModalDialog({ title, onClose, isCloseBlocked = false, getFallbackFocus, isWide = false, children }: ModalDialogProps) {
  const titleId = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  // The document listener is registered once; it reads the latest props through this ref.
  const latest = useRef({ onClose, isCloseBlocked, getFallbackFocus });
  latest.current = { onClose, isCloseBlocked, getFallbackFocus };

  useEffect(() => {
    const previouslyFocused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const appRoot = document.getElementById('root');
    appRoot?.setAttribute('inert', '');
    const dialog = dialogRef.current;
    const initial = dialog?.querySelector<HTMLElement>('[data-autofocus]') ?? dialog?.querySelector<HTMLElement>(FOCUSABLE);
    initial?.focus();

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        if (!latest.current.isCloseBlocked) latest.current.onClose();
      } else if (event.key === 'Tab') {
        trapFocus(event, dialogRef.current);
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      appRoot?.removeAttribute('inert');
      const target = previouslyFocused?.isConnected ? previouslyFocused : latest.current.getFallbackFocus?.();
      target?.focus();
    };
  }, []);

  return createPortal(
    <div className="modal-backdrop">
      <div ref={dialogRef} className={isWide ? 'modal modal-wide' : 'modal'} role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <h2 id={titleId} className="modal-title">
          {title}
        </h2>
        {children}
      </div>
    </div>,
    document.body,
  );
}

function trapFocus(event: KeyboardEvent, dialog: HTMLDivElement | null) {
  const focusable = Array.from(dialog?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? []);
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (!dialog || !first || !last) return;
  const active = document.activeElement;
  if (!dialog.contains(active)) {
    event.preventDefault();
    first.focus();
  } else if (event.shiftKey && active === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
}
