import { aboveAppetite, assess, Methodology } from '../methodology/methodology.logic';

export interface RiskScores {
  inherentLevel: string;
  inherentRank: number;
  residualLevel: string | null;
  residualRank: number | null;
  currentLevel: string;
  currentRank: number;
  currentScore: number;
  needsAcceptance: boolean;
}

/**
 * The derived columns of a risk from its assessments, each under the methodology version it was made in.
 * The residual assessment, when there is one, is the current one. A residual level above the appetite of its
 * version needs the owner's acceptance while the risk is open and not accepted.
 */
export function scoreRisk(
  risk: {
    inherentLikelihood: number;
    inherentImpact: number;
    residualLikelihood: number | null;
    residualImpact: number | null;
    status: 'OPEN' | 'CLOSED';
    accepted: boolean;
  },
  inherentMethodology: Methodology,
  residualMethodology: Methodology | null,
): RiskScores {
  const inherent = assess(inherentMethodology, risk.inherentLikelihood, risk.inherentImpact);
  const residual =
    risk.residualLikelihood != null && risk.residualImpact != null && residualMethodology
      ? assess(residualMethodology, risk.residualLikelihood, risk.residualImpact)
      : null;
  const current = residual ?? inherent;
  return {
    inherentLevel: inherent.level,
    inherentRank: inherent.rank,
    residualLevel: residual?.level ?? null,
    residualRank: residual?.rank ?? null,
    currentLevel: current.level,
    currentRank: current.rank,
    currentScore: current.score,
    needsAcceptance: risk.status === 'OPEN' && residual !== null && !risk.accepted && aboveAppetite(residualMethodology!, residual.level), // eslint-disable-line @typescript-eslint/no-non-null-assertion
  };
}
