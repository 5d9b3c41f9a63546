import { useQuery } from '@apollo/client/react';
import { Role } from '@iso27001/authz/roles';
import { Text } from '@mantine/core';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { Page, Section } from '../../components/page';
import { TodoList, type Todo } from '../../components/todo-list';
import { AuditorHomeDocument, EmployeeHomeDocument, ExecutiveHomeDocument, MeDocument, OwnerHomeDocument, ProgrammeManagerHomeDocument } from '../../gql/graphql';
import { formatDate } from '../../lib/format';
import { roleInSentence } from '../../lib/roles';
import { useSession } from '../../lib/session';

function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;
}

function ProgrammeManagerHome() {
  const { data, loading, error, refetch } = useQuery(ProgrammeManagerHomeDocument, { variables: { reviewBefore: inDays(30) } });
  if (loading && !data) return <Loading />;
  if (error && !data) return <ErrorAlert title="Could not load your work" error={error} onRetry={() => void refetch()} />;
  if (!data) return null;
  const todos: Todo[] = [];
  const overdue = data.overdueCertificationTasks;
  if (overdue.length > 0) {
    todos.push({ id: 'overdue', title: `Chase ${plural(overdue.length, 'overdue certification task')}`, detail: overdue.slice(0, 3).map((t) => `${t.title} (${t.owner?.name ?? 'no owner'}, due ${formatDate(t.dueDate)})`).join('; '), to: '/plan', tone: 'urgent', count: overdue.length });
  }
  const draft = data.ismsScopeVersions.find((v) => v.status === 'DRAFT');
  if (draft) {
    todos.push({
      id: 'scope',
      title: draft.returnComment ? `Rework the scope draft v${draft.version}: top management returned it` : `Finish the scope draft v${draft.version} and submit it to top management`,
      detail: draft.returnComment ?? undefined,
      to: '/scope',
      tone: draft.returnComment ? 'urgent' : 'due',
    });
  }
  if (data.untreated.totalCount > 0) todos.push({ id: 'untreated', title: `Decide the treatment of ${plural(data.untreated.totalCount, 'risk')}`, to: '/risks?untreated=true', tone: 'urgent', count: data.untreated.totalCount });
  if (data.needsAcceptance.totalCount > 0) todos.push({ id: 'acceptance', title: `Have owners accept ${plural(data.needsAcceptance.totalCount, 'residual risk')} above appetite`, to: '/risks?needsAcceptance=true', tone: 'due', count: data.needsAcceptance.totalCount });
  if (data.policiesDueForReview.length > 0) todos.push({ id: 'reviews', title: `Review ${plural(data.policiesDueForReview.length, 'policy', 'policies')} due within 30 days`, detail: data.policiesDueForReview.slice(0, 3).map((p) => `${p.title} (${formatDate(p.reviewDueOn)})`).join('; '), to: '/policies', tone: 'due', count: data.policiesDueForReview.length });
  const reviews = data.contextReviewsDue;
  const contextDue = reviews.issues.length + reviews.interestedParties.length + reviews.obligations.length;
  if (contextDue > 0) todos.push({ id: 'context', title: `Review ${plural(contextDue, 'context item')} due within 30 days`, to: '/context', tone: 'due', count: contextDue });
  const readiness = data.gapAnalysis.overall;
  if (readiness.assessed < readiness.total) todos.push({ id: 'gap', title: `Assess ${plural(readiness.total - readiness.assessed, 'gap item')} not assessed yet`, detail: `Readiness ${readiness.readinessPercent.toFixed(0)}%`, to: '/gap-analysis', tone: 'info', count: readiness.total - readiness.assessed });
  return <TodoList todos={todos} empty="Nothing is waiting for you: every task is on time." />;
}

function ExecutiveHome() {
  const { data, loading, error, refetch } = useQuery(ExecutiveHomeDocument);
  if (loading && !data) return <Loading />;
  if (error && !data) return <ErrorAlert title="Could not load your approvals" error={error} onRetry={() => void refetch()} />;
  if (!data) return null;
  const todos: Todo[] = [];
  for (const submitted of data.ismsScopeVersions.filter((v) => v.status === 'SUBMITTED')) {
    todos.push({
      id: `scope-${submitted.id}`,
      title: `Approve the ISMS scope, version ${submitted.version}`,
      detail: `Submitted by ${submitted.submittedByName ?? 'the ISMS manager'} on ${formatDate(submitted.submittedAt)}`,
      to: '/approvals',
      tone: 'due',
    });
  }
  // Only versions submitted for approval: a draft is still its author's to change, not yet the executive's to judge.
  for (const policy of data.policies.filter((p) => p.approverRole === 'EXECUTIVE')) {
    for (const version of policy.versions.filter((v) => v.status === 'SUBMITTED')) {
      todos.push({
        id: `policy-${version.id}`,
        title: `Approve “${policy.title}” ${version.version}`,
        detail: `Written by ${version.authorName}; submitted by ${version.submittedByName ?? version.authorName} on ${formatDate(version.submittedAt)}`,
        to: '/approvals/policies',
        tone: 'due',
      });
    }
  }
  if (data.needsAcceptance.totalCount > 0) todos.push({ id: 'appetite', title: `${plural(data.needsAcceptance.totalCount, 'risk')} above appetite not yet accepted`, to: '/risks/heat-map', tone: 'urgent', count: data.needsAcceptance.totalCount });
  todos.push({ id: 'readiness', title: `Certification readiness: ${data.gapAnalysis.overall.readinessPercent.toFixed(0)}%`, to: '/gap-analysis', tone: 'info' });
  return <TodoList todos={todos} empty="No approvals are waiting for you." />;
}

function OwnerHome({ role }: { role: string }) {
  const me = useQuery(MeDocument);
  const ownerId = me.data?.me?.id;
  const { data, loading, error, refetch } = useQuery(OwnerHomeDocument, { variables: { ownerId: ownerId ?? '' }, skip: !ownerId });
  if ((me.loading || loading) && !data) return <Loading />;
  if (me.error) return <ErrorAlert title="Could not find your person record" error={me.error} onRetry={() => void me.refetch()} />;
  if (me.data && !me.data.me) return <Text size="sm">You are not in the organisation register, so nothing is assigned to you. Ask your ISMS manager to add you.</Text>;
  if (error && !data) return <ErrorAlert title="Could not load your work" error={error} onRetry={() => void refetch()} />;
  if (!data || !ownerId) return null;
  const todos: Todo[] = [];
  for (const risk of data.myAcceptance.nodes) {
    todos.push({ id: `accept-${risk.id}`, title: `Accept or re-treat “${risk.title}”`, detail: `Residual level ${risk.residualLevel ?? '—'} is above appetite`, to: `/risks/${risk.id}`, tone: 'urgent' });
  }
  if (data.myUntreated.totalCount > 0) todos.push({ id: 'untreated', title: `Decide the treatment of ${plural(data.myUntreated.totalCount, 'risk')} you own`, to: '/my/risks?untreated=true', tone: 'due', count: data.myUntreated.totalCount });
  if (role === Role.RiskOwner || data.myRisks.totalCount > 0) todos.push({ id: 'risks', title: 'Review the risks you own', to: '/my/risks', tone: 'info', count: data.myRisks.totalCount });
  const controls = data.statementOfApplicability.filter((entry) => entry.applicable && entry.owners.some((owner) => owner.id === ownerId));
  const notImplemented = controls.filter((entry) => entry.implementationStatus !== 'IMPLEMENTED');
  if (notImplemented.length > 0) todos.push({ id: 'controls', title: `Implement ${plural(notImplemented.length, 'control')} you own`, detail: notImplemented.slice(0, 3).map((e) => `${e.control.id} ${e.control.title}`).join('; '), to: '/my/controls', tone: 'due', count: notImplemented.length });
  return <TodoList todos={todos} empty="Nothing is waiting for you." />;
}

function EmployeeHome() {
  const { data, loading, error, refetch } = useQuery(EmployeeHomeDocument);
  if (loading && !data) return <Loading />;
  if (error && !data) return <ErrorAlert title="Could not load your tasks" error={error} onRetry={() => void refetch()} />;
  if (!data) return null;
  const todos: Todo[] = data.myPendingPolicyAcknowledgements.map((ack) => ({ id: ack.id, title: `Read and acknowledge “${ack.policyTitle}” ${ack.version}`, detail: `Asked on ${formatDate(ack.createdAt)}`, to: '/my/policies', tone: 'due' }));
  for (const assignment of data.assignments.filter((a) => a.status !== 'COMPLETED')) {
    todos.push({ id: assignment.id, title: `Complete the training “${assignment.course.title}”`, detail: `Due ${formatDate(assignment.dueOn)}`, to: '/my/training', tone: assignment.status === 'OVERDUE' ? 'urgent' : 'due' });
  }
  return <TodoList todos={todos} empty="You are up to date: no policy to acknowledge and no training due." />;
}

function AuditorHome() {
  const { data, loading, error, refetch } = useQuery(AuditorHomeDocument);
  if (loading && !data) return <Loading />;
  if (error && !data) return <ErrorAlert title="Could not load your engagements" error={error} onRetry={() => void refetch()} />;
  if (!data) return null;
  const todos: Todo[] = data.engagements
    .filter((e) => e.status !== 'CLOSED')
    .map((e) => ({ id: e.id, title: `${e.title}`, detail: `${formatDate(e.startsOn)} – ${formatDate(e.endsOn)}`, to: `/audit/engagements/${e.id}`, tone: 'info' as const }));
  return <TodoList todos={todos} empty="No engagement is open." />;
}

function HomeFor({ role }: { role: string }) {
  switch (role) {
    case Role.Admin:
    case Role.IsmsManager:
      return <ProgrammeManagerHome />;
    case Role.Executive:
      return <ExecutiveHome />;
    case Role.RiskOwner:
    case Role.ControlOwner:
      return <OwnerHome role={role} />;
    case Role.InternalAuditor:
    case Role.ExternalAuditor:
      return <AuditorHome />;
    default:
      return <EmployeeHome />;
  }
}

/** The first screen after sign-in: what this person must do next, in their active role. */
export function HomeRoute() {
  const { session, activeRole } = useSession();
  const firstName = session?.user.name.split(' ')[0] ?? '';
  return (
    <Page title={`Good to see you, ${firstName}`} description={activeRole ? `What to do next as ${roleInSentence(activeRole)}.` : undefined}>
      <Section title="What to do next" testId="home-todos">
        {activeRole && <HomeFor role={activeRole} />}
      </Section>
    </Page>
  );
}
