//! The measures, as trec_eval defines them: a document is relevant when its judged grade is
//! above 0; unjudged documents count as not relevant; nDCG uses the grades as gains with a
//! log2(rank + 1) discount and the ideal ordering of every judged relevant document.

use std::collections::HashMap;

use serde::Serialize;

/// Judged grades of one query's documents, by document id.
pub type Qrels = HashMap<String, i32>;

/// One query's scores.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QueryScores {
    /// nDCG at the cut-off asked for (10 by default).
    pub ndcg: f64,
    /// Recall in the first 100.
    pub recall_100: f64,
    /// Average precision over the whole ranking returned.
    pub average_precision: f64,
    /// Reciprocal rank of the first relevant document in the first 10 (0 when none).
    pub reciprocal_rank_10: f64,
}

/// Scores `ranking` (document ids, best first) against `judged`, with nDCG cut at `k`.
pub fn score_query(ranking: &[String], judged: &Qrels, k: usize) -> QueryScores {
    QueryScores {
        ndcg: ndcg(ranking, judged, k),
        recall_100: recall(ranking, judged, 100),
        average_precision: average_precision(ranking, judged),
        reciprocal_rank_10: reciprocal_rank(ranking, judged, 10),
    }
}

fn gain(judged: &Qrels, id: &str) -> f64 {
    judged.get(id).map_or(0.0, |&grade| f64::from(grade.max(0)))
}

fn relevant_count(judged: &Qrels) -> usize {
    judged.values().filter(|&&grade| grade > 0).count()
}

/// Normalised discounted cumulative gain at `k`.
pub fn ndcg(ranking: &[String], judged: &Qrels, k: usize) -> f64 {
    let discount = |rank: usize| 1.0 / ((rank + 2) as f64).log2();
    let dcg: f64 = ranking
        .iter()
        .take(k)
        .enumerate()
        .map(|(rank, id)| gain(judged, id) * discount(rank))
        .sum();
    let mut ideal: Vec<f64> = judged
        .values()
        .filter(|&&grade| grade > 0)
        .map(|&grade| f64::from(grade))
        .collect();
    ideal.sort_by(|a, b| b.total_cmp(a));
    let idcg: f64 = ideal
        .iter()
        .take(k)
        .enumerate()
        .map(|(rank, gain)| gain * discount(rank))
        .sum();
    if idcg == 0.0 { 0.0 } else { dcg / idcg }
}

/// Share of the relevant documents found in the first `k`.
pub fn recall(ranking: &[String], judged: &Qrels, k: usize) -> f64 {
    let relevant = relevant_count(judged);
    if relevant == 0 {
        return 0.0;
    }
    let found = ranking
        .iter()
        .take(k)
        .filter(|id| gain(judged, id) > 0.0)
        .count();
    found as f64 / relevant as f64
}

/// Mean of the precision at each relevant document's rank, over every relevant document
/// (those never retrieved add 0).
pub fn average_precision(ranking: &[String], judged: &Qrels) -> f64 {
    let relevant = relevant_count(judged);
    if relevant == 0 {
        return 0.0;
    }
    let mut found = 0;
    let mut sum = 0.0;
    for (rank, id) in ranking.iter().enumerate() {
        if gain(judged, id) > 0.0 {
            found += 1;
            sum += found as f64 / (rank + 1) as f64;
        }
    }
    sum / relevant as f64
}

/// 1 / the rank of the first relevant document within the first `k`, else 0.
pub fn reciprocal_rank(ranking: &[String], judged: &Qrels, k: usize) -> f64 {
    ranking
        .iter()
        .take(k)
        .position(|id| gain(judged, id) > 0.0)
        .map_or(0.0, |rank| 1.0 / (rank + 1) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|id| id.to_string()).collect()
    }

    fn qrels(pairs: &[(&str, i32)]) -> Qrels {
        pairs
            .iter()
            .map(|(id, grade)| (id.to_string(), *grade))
            .collect()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn ndcg_by_hand() {
        // Grades: a=3, b=2, c=1 (d unjudged, e judged 0). Ranking: d a e c.
        // DCG@4 = 0/log2(2) + 3/log2(3) + 0/log2(4) + 1/log2(5) = 1.892789 + 0.430677 = 2.323466
        // IDCG@4 = 3/1 + 2/log2(3) + 1/log2(4) = 3 + 1.261860 + 0.5 = 4.761860; nDCG = 0.487932
        let judged = qrels(&[("a", 3), ("b", 2), ("c", 1), ("e", 0)]);
        let ranking = ids(&["d", "a", "e", "c"]);
        let expected = (3.0 / 3f64.log2() + 1.0 / 5f64.log2()) / (3.0 + 2.0 / 3f64.log2() + 0.5);
        assert!(close(ndcg(&ranking, &judged, 4), expected));
        assert!((expected - 0.487932).abs() < 1e-6, "{expected}");
        // The cut-off applies to both: at k=1 the first document (unjudged) gives 0.
        assert!(close(ndcg(&ranking, &judged, 1), 0.0));
        // The ideal ranking scores 1.
        assert!(close(ndcg(&ids(&["a", "b", "c"]), &judged, 10), 1.0));
        // Negative grades (Cranfield's source document) are not gains.
        let negative = qrels(&[("a", -1), ("b", 1)]);
        assert!(close(
            ndcg(&ids(&["a", "b"]), &negative, 10),
            1.0 / 3f64.log2()
        ));
    }

    #[test]
    fn average_precision_by_hand() {
        // Relevant: a, c, x (x never retrieved). Ranking: a b c d.
        // AP = (1/1 + 2/3 + 0) / 3 = 0.555...
        let judged = qrels(&[("a", 1), ("c", 1), ("x", 1), ("b", 0)]);
        let ranking = ids(&["a", "b", "c", "d"]);
        assert!(close(
            average_precision(&ranking, &judged),
            (1.0 + 2.0 / 3.0) / 3.0
        ));
        assert!(close(recall(&ranking, &judged, 100), 2.0 / 3.0));
        assert!(close(recall(&ranking, &judged, 2), 1.0 / 3.0));
    }

    #[test]
    fn reciprocal_rank_by_hand() {
        let judged = qrels(&[("c", 2)]);
        assert!(close(
            reciprocal_rank(&ids(&["a", "b", "c"]), &judged, 10),
            1.0 / 3.0
        ));
        assert!(close(
            reciprocal_rank(&ids(&["a", "b", "c"]), &judged, 2),
            0.0
        ));
        let scores = score_query(&ids(&["c"]), &judged, 10);
        assert!(close(scores.reciprocal_rank_10, 1.0));
        assert!(close(scores.ndcg, 1.0));
    }

    #[test]
    fn nothing_relevant_scores_zero() {
        let judged = qrels(&[("a", 0)]);
        let scores = score_query(&ids(&["a"]), &judged, 10);
        assert_eq!(
            scores,
            QueryScores {
                ndcg: 0.0,
                recall_100: 0.0,
                average_precision: 0.0,
                reciprocal_rank_10: 0.0
            }
        );
    }
}
