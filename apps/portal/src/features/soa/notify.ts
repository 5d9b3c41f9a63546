import { notifications } from '@mantine/notifications';

/** Tells the person a change was made (or only partly made); the close button is labelled for screen readers. */
export function notify(color: 'green' | 'orange' | 'red', title: string, message: string): void {
  notifications.show({ color, title, message, closeButtonProps: { 'aria-label': 'Close notification' } });
}
