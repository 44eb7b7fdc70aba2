/**
 * Scores of a ranked result list against judged answers, as search evaluation reports them: mean
 * reciprocal rank (1 for a relevant article first, 1/2 second, 0 when none is listed) and the share
 * of queries with a relevant article first and within the first three.
 */

export interface Judgement {
  readonly query: string;
  /** Slugs of the articles that answer the query; any of them first is a hit. */
  readonly relevant: readonly string[];
}

export interface RankingScore {
  readonly queries: number;
  readonly mrr: number;
  readonly top1: number;
  readonly top3: number;
  /** The queries whose first relevant article is not first, with the rank it got (0: not listed). */
  readonly misses: { query: string; rank: number; shown: string[] }[];
}

/** Scores `shown[i]`, the slugs listed for `judgements[i]`, in order. */
export function scoreRanking(judgements: readonly Judgement[], shown: readonly string[][]): RankingScore {
  const ranks = judgements.map((judgement, i) => {
    const index = (shown[i] ?? []).findIndex((slug) => judgement.relevant.includes(slug));
    return index + 1;
  });
  const share = (hit: (rank: number) => boolean): number =>
    ranks.filter((rank) => rank > 0 && hit(rank)).length / ranks.length;
  return {
    queries: judgements.length,
    mrr: ranks.reduce((sum, rank) => sum + (rank ? 1 / rank : 0), 0) / ranks.length,
    top1: share((rank) => rank === 1),
    top3: share((rank) => rank <= 3),
    misses: judgements
      .map((judgement, i) => ({
        query: judgement.query,
        rank: ranks[i] ?? 0,
        shown: (shown[i] ?? []).slice(0, 5),
      }))
      .filter((miss) => miss.rank !== 1),
  };
}
