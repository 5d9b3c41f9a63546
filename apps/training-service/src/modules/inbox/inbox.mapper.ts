import { InboxRow } from './inbox.service';
import { InboxItemType } from './inbox.type';

export function toInboxItemType(row: InboxRow): InboxItemType {
  return Object.assign(new InboxItemType(), row);
}
