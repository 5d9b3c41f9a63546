import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum CourseKindType {
  AWARENESS = 'AWARENESS',
  ROLE_BASED = 'ROLE_BASED',
  POLICY = 'POLICY',
}
registerEnumType(CourseKindType, {
  name: 'CourseKind',
  description: 'Awareness for everyone (A.6.3), role-based competence (7.2), or a policy walk-through.',
});

export enum CourseContentKindType {
  MARKDOWN = 'MARKDOWN',
  EVIDENCE_FILE = 'EVIDENCE_FILE',
  LINK = 'LINK',
}
registerEnumType(CourseContentKindType, { name: 'CourseContentKind', description: 'Markdown text, a file of the evidence store, or an https link.' });

@ObjectType('CourseContent', { description: 'What the trainee reads.' })
export class CourseContentType {
  @Field(() => CourseContentKindType)
  kind: CourseContentKindType;

  @Field(() => String, { nullable: true })
  markdown: string | null;

  @Field(() => ID, { nullable: true, description: 'An evidence file id: download through the gateway at /evidence/files/:id.' })
  fileId: string | null;

  @Field(() => String, { nullable: true })
  url: string | null;
}

@ObjectType('CourseVersion', { description: 'A published version of a course.' })
export class CourseVersionType {
  @Field(() => Int)
  version: number;

  @Field(() => CourseContentType, { nullable: true })
  content: CourseContentType | null;

  @Field(() => String, { nullable: true })
  changeNote: string | null;

  @Field({ description: 'Whether everyone who completed an older version had to retake this one.' })
  retakeRequired: boolean;

  @Field({ description: 'Whether this version has a quiz.' })
  hasQuiz: boolean;

  @Field()
  publishedAt: Date;
}

@ObjectType('Course', { description: 'A training course that can be assigned to people.' })
@Directive('@key(fields: "id")')
export class CourseType {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => CourseKindType)
  kind: CourseKindType;

  @Field(() => Int)
  durationMinutes: number;

  @Field()
  active: boolean;

  @Field(() => CourseContentType, { nullable: true, description: 'The content of the current version.' })
  content: CourseContentType | null;

  @Field(() => Int, { description: 'The version in force.' })
  currentVersion: number;
}

@ObjectType('PublishedCourseVersion')
export class PublishedCourseVersionType {
  @Field(() => CourseType)
  course: CourseType;

  @Field(() => CourseVersionType)
  version: CourseVersionType;

  @Field(() => Int, { description: 'New assignments opened for people who had completed an older version.' })
  retakeAssignments: number;
}
