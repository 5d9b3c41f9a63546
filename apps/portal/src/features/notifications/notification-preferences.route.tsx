import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Card, Group, Radio, Stack, Switch, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { Page } from '../../components/page';
import { NotificationsMyPreferencesDocument, NotificationsSetPreferencesDocument } from '../../gql/graphql';
import { describeError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { notifyFailure, notifySuccess } from '../../lib/notify';

const CHANNEL_LABEL: Record<string, string> = { EMAIL: 'E-mail', CHAT: 'Chat' };

/** The signed-in person's notification preferences: which channels, and e-mail at once or in one daily digest. */
export function NotificationPreferencesRoute() {
  const { data, loading, error, refetch } = useQuery(NotificationsMyPreferencesDocument, { fetchPolicy: 'cache-and-network' });
  const [save, saving] = useMutation(NotificationsSetPreferencesDocument, { refetchQueries: ['NotificationsMyPreferences'] });
  const preferences = data?.myNotificationPreferences;
  const [channels, setChannels] = useState<Record<string, boolean>>({});
  const [delivery, setDelivery] = useState('DIGEST');
  useEffect(() => {
    if (!preferences) return;
    setChannels(Object.fromEntries(preferences.channels.map((c) => [c.channel, c.enabled])));
    setDelivery(preferences.delivery);
  }, [preferences]);

  if (loading && !data) return <Loading />;
  if (error && !data) {
    return (
      <Page title="Notification settings">
        <ErrorAlert title="Could not load your notification settings" error={error} onRetry={() => void refetch()} />
      </Page>
    );
  }
  if (!preferences) return null;

  const submit = async () => {
    try {
      await save({ variables: { input: { channels: Object.entries(channels).map(([channel, enabled]) => ({ channel, enabled })), delivery } } });
      notifySuccess('Notification settings saved', delivery === 'DIGEST' ? 'E-mails come in one digest a day.' : 'E-mails come as each notification arrives.');
    } catch (failure) {
      notifyFailure('Could not save your notification settings', describeError(failure).summary);
    }
  };

  return (
    <Page title="Notification settings" description="How reminders and new tasks reach you. By default: e-mail, gathered into one digest a day.">
      <Card withBorder maw={560}>
        <Stack gap="md">
          <Text fw={600}>Channels</Text>
          {preferences.channels.map((c) => (
            <Switch
              key={c.channel}
              label={CHANNEL_LABEL[c.channel] ?? c.channel}
              description={c.configured ? undefined : 'Not set up on this installation: nothing is sent on it.'}
              checked={channels[c.channel] ?? false}
              onChange={(event) => {
                const enabled = event.currentTarget.checked;
                setChannels((current) => ({ ...current, [c.channel]: enabled }));
              }}
              data-testid={`pref-channel-${c.channel}`}
            />
          ))}
          <Radio.Group label="E-mail delivery" value={delivery} onChange={setDelivery}>
            <Stack gap="xs" mt="xs">
              <Radio value="DIGEST" label="One digest a day" data-testid="pref-delivery-DIGEST" />
              <Radio value="IMMEDIATE" label="As they happen" data-testid="pref-delivery-IMMEDIATE" />
            </Stack>
          </Radio.Group>
          <Group justify="space-between">
            <Text size="xs" c="dimmed" data-testid="pref-updated">
              {preferences.updatedAt ? `Last changed ${formatDateTime(preferences.updatedAt)}` : 'The defaults apply.'}
            </Text>
            <Button onClick={() => void submit()} loading={saving.loading} data-testid="pref-save">
              Save
            </Button>
          </Group>
        </Stack>
      </Card>
    </Page>
  );
}
