/**
 * Hands a downloaded file to the browser's "save" flow: a temporary object URL on an anchor with
 * `download`. The CSP governs fetches, not this navigation, so blob: needs no exception.
 */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  anchor.hidden = true;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // Revoking at once can cancel the download in some browsers; a second later it has started.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
