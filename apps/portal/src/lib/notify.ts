import { notifications } from '@mantine/notifications';

/** The message's text in the portal's secondary text colour, which keeps WCAG AA contrast on white. */
const READABLE = { description: { color: 'var(--mantine-color-gray-7)' } };

/** Tells the person a change was made; the close button has a name screen readers announce. */
export function notifySuccess(title: string, message: string): void {
  notifications.show({ color: 'green', title, message, closeButtonProps: { 'aria-label': 'Dismiss the message' }, styles: READABLE });
}

/** Tells the person a change was refused, and why, in words they can act on. */
export function notifyFailure(title: string, message: string): void {
  notifications.show({ color: 'red', title, message, autoClose: false, closeButtonProps: { 'aria-label': 'Dismiss the message' }, styles: READABLE });
}
