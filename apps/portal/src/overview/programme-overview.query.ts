import { gql, type TypedDocumentNode } from '@apollo/client';
import type { ProgrammeOverviewQuery, ProgrammeOverviewVariables } from './programme-overview.types';

/** Crosses three subgraphs (organisation, risks, controls/SoA) through the gateway. */
export const PROGRAMME_OVERVIEW_QUERY: TypedDocumentNode<ProgrammeOverviewQuery, ProgrammeOverviewVariables> = gql`
  query ProgrammeOverview {
    orgUnits { id name kind parentId }
    people(first: 50) { totalCount nodes { id name email jobRole unit { id name } } }
    risks { id title treatment inherentLikelihood inherentImpact owner { id name email } controls { id title } }
    statementOfApplicability { control { id title theme } applicable reasons justification riskIds }
  }
`;
