/** An address typed by someone else is a link only when it leads to a web page, never to a script. */
export function webLink(address: string | null): string | null {
  return address !== null && /^https?:\/\/\S+$/i.test(address) ? address : null;
}

/** A NIK as the registry shows it: twelve hidden digits, then the four the server returns. */
export function maskedNik(lastFour: string): string {
  return `${'•'.repeat(12)}${lastFour}`;
}
