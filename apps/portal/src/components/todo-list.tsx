import { Anchor, Badge, Card, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

export interface Todo {
  id: string;
  /** What to do, as an instruction. */
  title: string;
  detail?: ReactNode;
  /** Where to do it. */
  to: string;
  tone?: 'urgent' | 'due' | 'info';
  count?: number;
}

const TONE_COLOUR = { urgent: 'red', due: 'orange', info: 'blue' } as const;

/** "What to do next": the person's open work, most urgent first, each with a link to where it is done. */
export function TodoList({ todos, empty }: { todos: Todo[]; empty: string }) {
  if (todos.length === 0) {
    return (
      <Text c="dimmed" size="sm" data-testid="todo-empty">
        {empty}
      </Text>
    );
  }
  return (
    <Stack gap="xs" component="ul" aria-label="What to do next" style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="todo-list">
      {todos.map((todo) => (
        <Card key={todo.id} withBorder padding="sm" component="li" data-testid="todo">
          <Group justify="space-between" wrap="nowrap">
            <div>
              <Anchor component={Link} to={todo.to} fw={600} size="sm">
                {todo.title}
              </Anchor>
              {todo.detail && (
                <Text size="xs" c="dimmed">
                  {todo.detail}
                </Text>
              )}
            </div>
            {todo.count !== undefined && (
              <Badge color={TONE_COLOUR[todo.tone ?? 'info']} variant="light" size="lg">
                {todo.count.toLocaleString('en-GB')}
              </Badge>
            )}
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
