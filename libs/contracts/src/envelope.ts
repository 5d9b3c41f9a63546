import { z } from 'zod';

/**
 * The envelope every domain event travels in (ARCHITECTURE.md, "Events"). Plain, read-only data: the type
 * name is a string in the contract, never a class name, and `data` is checked against the schema of its type.
 */
export const envelopeSchema = z.object({
  id: z.string().uuid(),
  type: z.string().regex(/^[a-z]+(\.[a-z][a-z-]*)+$/, 'type must look like <domain>.<aggregate>.<event>'),
  version: z.number().int().positive(),
  occurredAt: z.string().datetime({ offset: true }),
  source: z.string().min(1),
  organisationId: z.string().uuid(),
  actor: z.string().min(1),
  subjectId: z.string().min(1),
  correlationId: z.string().min(1),
  causationId: z.string().min(1).nullable(),
  data: z.unknown(),
});

export type Envelope<TData = unknown> = Readonly<Omit<z.infer<typeof envelopeSchema>, 'data'> & { data: TData }>;

/** One event type: its name, version, the topic it lives on and the schema of its data. */
export interface EventDefinition<TData = unknown> {
  readonly type: string;
  readonly version: number;
  /** `<domain>.<aggregate>.v<N>`; the key of every message is the subject (aggregate) id. */
  readonly topic: string;
  readonly schema: z.ZodType<TData>;
  readonly description: string;
}

export function defineEvent<TSchema extends z.ZodType>(definition: {
  type: string;
  version: number;
  topic: string;
  schema: TSchema;
  description: string;
}): EventDefinition<z.infer<TSchema>> {
  if (!/^[a-z]+\.[a-z][a-z-]*\.v\d+$/.test(definition.topic)) {
    throw new Error(`topic "${definition.topic}" must be <domain>.<aggregate>.v<N>`);
  }
  if (!definition.topic.endsWith(`.v${definition.version}`)) {
    throw new Error(`event ${definition.type} v${definition.version} must live on a .v${definition.version} topic`);
  }
  return Object.freeze({ ...definition }) as EventDefinition<z.infer<TSchema>>;
}

export type EventData<T> = T extends EventDefinition<infer D> ? D : never;
