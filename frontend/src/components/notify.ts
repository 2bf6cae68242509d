import { notifications } from '@mantine/notifications';

/** Confirms that a change was saved; the message names what changed. */
export function notifySaved(message: string): void {
  notifications.show({ color: 'green', message });
}

/** Reports a refused action that has no form to show the refusal in. */
export function notifyFailed(title: string, message: string): void {
  notifications.show({ color: 'red', title, message });
}
