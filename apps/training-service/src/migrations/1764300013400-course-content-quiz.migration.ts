import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Courses carry content (Markdown, an evidence file, or an https link) and a current version; each published version
 * is kept in course_version. A version may have a quiz: a pool of questions, how many are drawn per attempt, the pass
 * mark and the attempts allowed. Each attempt stores the questions it drew (so grading uses what was shown), the
 * answers and the score; extra attempts granted by an ISMS manager are rows of their own (who, when, why).
 */
export class CourseContentQuiz1764300013400 implements MigrationInterface {
  name = 'CourseContentQuiz1764300013400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE course
        ADD COLUMN content_kind      text CHECK (content_kind IN ('MARKDOWN', 'EVIDENCE_FILE', 'LINK')),
        ADD COLUMN content_markdown  text,
        ADD COLUMN content_file_id   uuid,
        ADD COLUMN content_url       text CHECK (content_url IS NULL OR content_url LIKE 'https://%'),
        ADD COLUMN current_version   integer NOT NULL DEFAULT 1 CHECK (current_version >= 1)`);
    await queryRunner.query(`
      CREATE TABLE course_version (
        id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id       uuid NOT NULL,
        course_id             uuid NOT NULL REFERENCES course (id) ON DELETE CASCADE,
        version               integer NOT NULL CHECK (version >= 1),
        content_kind          text CHECK (content_kind IN ('MARKDOWN', 'EVIDENCE_FILE', 'LINK')),
        content_markdown      text,
        content_file_id       uuid,
        content_url           text,
        change_note           text,
        retake_required       boolean NOT NULL DEFAULT false,
        quiz_pass_mark        integer CHECK (quiz_pass_mark BETWEEN 1 AND 100),
        quiz_questions_drawn  integer CHECK (quiz_questions_drawn >= 1),
        quiz_max_attempts     integer CHECK (quiz_max_attempts >= 1),
        published_by          text,
        published_at          timestamptz NOT NULL DEFAULT now(),
        UNIQUE (course_id, version)
      )`);
    await queryRunner.query('CREATE INDEX course_version_org ON course_version (organisation_id, course_id)');
    await queryRunner.query(`
      CREATE TABLE quiz_question (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id  uuid NOT NULL,
        course_id        uuid NOT NULL REFERENCES course (id) ON DELETE CASCADE,
        version          integer NOT NULL,
        position         integer NOT NULL,
        kind             text NOT NULL CHECK (kind IN ('SINGLE_CHOICE', 'MULTIPLE_CHOICE')),
        text             text NOT NULL,
        options          jsonb NOT NULL,
        correct          jsonb NOT NULL,
        FOREIGN KEY (course_id, version) REFERENCES course_version (course_id, version) ON DELETE CASCADE
      )`);
    await queryRunner.query('CREATE INDEX quiz_question_version ON quiz_question (course_id, version, position)');
    await queryRunner.query(`
      CREATE TABLE quiz_attempt (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id  uuid NOT NULL,
        assignment_id    uuid NOT NULL REFERENCES assignment (id) ON DELETE CASCADE,
        course_id        uuid NOT NULL,
        version          integer NOT NULL,
        question_ids     uuid[] NOT NULL,
        answers          jsonb,
        score            integer CHECK (score BETWEEN 0 AND 100),
        passed           boolean,
        started_at       timestamptz NOT NULL DEFAULT now(),
        submitted_at     timestamptz
      )`);
    await queryRunner.query('CREATE INDEX quiz_attempt_assignment ON quiz_attempt (assignment_id, started_at)');
    // At most one attempt in progress per assignment.
    await queryRunner.query('CREATE UNIQUE INDEX quiz_attempt_one_open ON quiz_attempt (assignment_id) WHERE submitted_at IS NULL');
    await queryRunner.query(`
      CREATE TABLE quiz_attempt_grant (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id  uuid NOT NULL,
        assignment_id    uuid NOT NULL REFERENCES assignment (id) ON DELETE CASCADE,
        reason           text NOT NULL,
        granted_by       text NOT NULL,
        granted_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX quiz_attempt_grant_assignment ON quiz_attempt_grant (assignment_id)');
    // Every existing course gets its version 1 in the history.
    await queryRunner.query(`INSERT INTO course_version (organisation_id, course_id, version, published_at) SELECT organisation_id, id, 1, created_at FROM course`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE quiz_attempt_grant');
    await queryRunner.query('DROP TABLE quiz_attempt');
    await queryRunner.query('DROP TABLE quiz_question');
    await queryRunner.query('DROP TABLE course_version');
    await queryRunner.query(
      'ALTER TABLE course DROP COLUMN content_kind, DROP COLUMN content_markdown, DROP COLUMN content_file_id, DROP COLUMN content_url, DROP COLUMN current_version',
    );
  }
}
