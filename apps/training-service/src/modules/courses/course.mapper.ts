import { CourseVersionEntity } from './course-version.entity';
import { CourseEntity } from './course.entity';
import { CourseContentKindType, CourseContentType, CourseKindType, CourseType, CourseVersionType } from './course.type';

function toContent(row: Pick<CourseEntity, 'contentKind' | 'contentMarkdown' | 'contentFileId' | 'contentUrl'>): CourseContentType | null {
  if (!row.contentKind) return null;
  return Object.assign(new CourseContentType(), {
    kind: row.contentKind as CourseContentKindType,
    markdown: row.contentMarkdown,
    fileId: row.contentFileId,
    url: row.contentUrl,
  });
}

export function toCourseType(entity: CourseEntity): CourseType {
  return Object.assign(new CourseType(), {
    id: entity.id,
    title: entity.title,
    description: entity.description,
    kind: entity.kind as CourseKindType,
    durationMinutes: entity.durationMinutes,
    active: entity.active,
    content: toContent(entity),
    currentVersion: entity.currentVersion ?? 1,
  });
}

export function toCourseVersionType(entity: CourseVersionEntity): CourseVersionType {
  return Object.assign(new CourseVersionType(), {
    version: entity.version,
    content: toContent(entity),
    changeNote: entity.changeNote,
    retakeRequired: entity.retakeRequired,
    hasQuiz: entity.quizPassMark !== null,
    publishedAt: entity.publishedAt,
  });
}
