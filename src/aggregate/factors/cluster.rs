//! Grouping phrasings whose words mostly agree: weighted token-set similarity and average-linkage
//! agglomerative clustering, over a sparse graph so that thousands of phrasings stay quick.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

use super::normalise::ABSENT;

/// Two groups merge while the average similarity between their members is at least this.
pub const THRESHOLD: f64 = 0.45;

/// The first words of a factor name it; later words explain it and weigh less.
const FULL_WEIGHT_WORDS: usize = 4;
/// The absence marker matters ("monitored" is not "not monitored") but is shared by half of all
/// factors, so alone it must not pull two together.
const ABSENT_WEIGHT: f64 = 0.5;
/// How many of a phrasing's heaviest words look for partners.
const PROBE_WORDS: usize = 3;
/// A word in more phrasings than this is too common to suggest a match on its own.
const MAX_POSTINGS: usize = 5_000;

/// A phrasing as weighted words: `(word id, weight)`, sorted by word id.
type Vector = Vec<(u32, f64)>;

/// Groups of indexes into `phrasings` (each a list of words from [`super::normalise::tokens`]).
/// Every phrasing is in exactly one group; groups and their members come out in index order.
pub fn cluster(phrasings: &[Vec<String>]) -> Vec<Vec<usize>> {
    let vectors = weigh(phrasings);
    let edges = similar_pairs(&vectors);
    agglomerate(vectors.len(), edges)
}

/// Word weight = inverse document frequency over the distinct phrasings × position weight.
fn weigh(phrasings: &[Vec<String>]) -> Vec<Vector> {
    let mut ids: HashMap<&str, u32> = HashMap::new();
    let mut df: Vec<u32> = Vec::new();
    let coded: Vec<Vec<u32>> = phrasings
        .iter()
        .map(|words| {
            let mut seen = Vec::new();
            let coded: Vec<u32> = words
                .iter()
                .map(|w| {
                    let next = ids.len() as u32;
                    let id = *ids.entry(w.as_str()).or_insert(next);
                    if id as usize == df.len() {
                        df.push(0);
                    }
                    if !seen.contains(&id) {
                        seen.push(id);
                        df[id as usize] += 1;
                    }
                    id
                })
                .collect();
            coded
        })
        .collect();
    let absent = ids.get(ABSENT).copied();
    let n = phrasings.len().max(1) as f64;
    coded
        .iter()
        .map(|words| {
            let mut vector: Vector = Vec::with_capacity(words.len());
            for (position, &id) in words.iter().enumerate() {
                let place = if position < FULL_WEIGHT_WORDS {
                    1.0
                } else {
                    1.0 / (1.0 + (position - FULL_WEIGHT_WORDS + 1) as f64 / 2.0)
                };
                let idf = (1.0 + n / f64::from(df[id as usize])).ln();
                let kind = if Some(id) == absent { ABSENT_WEIGHT } else { 1.0 };
                let weight = place * idf * kind;
                match vector.iter_mut().find(|(w, _)| *w == id) {
                    Some(entry) => entry.1 = entry.1.max(weight),
                    None => vector.push((id, weight)),
                }
            }
            vector.sort_by_key(|&(id, _)| id);
            vector
        })
        .collect()
}

/// Weighted Dice similarity: the weight both phrasings give their shared words, over all the
/// weight they carry. 1 for the same words, 0 for none in common.
pub fn similarity(a: &[(u32, f64)], b: &[(u32, f64)]) -> f64 {
    let total: f64 = a.iter().chain(b).map(|(_, w)| w).sum();
    if total <= 0.0 {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                shared += a[i].1 + b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    shared / total
}

/// Pairs worth comparing (one shares a heavy word of the other) with their similarity.
fn similar_pairs(vectors: &[Vector]) -> Vec<(usize, usize, f64)> {
    let mut postings: HashMap<u32, Vec<usize>> = HashMap::new();
    for (index, vector) in vectors.iter().enumerate() {
        for &(id, _) in vector {
            postings.entry(id).or_default().push(index);
        }
    }
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (index, vector) in vectors.iter().enumerate() {
        let mut heaviest: Vec<&(u32, f64)> = vector.iter().collect();
        heaviest.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        for &&(id, _) in heaviest.iter().take(PROBE_WORDS) {
            let Some(list) = postings.get(&id) else { continue };
            if list.len() > MAX_POSTINGS {
                continue;
            }
            pairs.extend(
                list.iter().filter(|&&other| other != index).map(|&other| (index.min(other), index.max(other))),
            );
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs.into_iter().map(|(a, b)| (a, b, similarity(&vectors[a], &vectors[b]))).filter(|&(_, _, s)| s > 0.0).collect()
}

#[derive(PartialEq)]
struct Candidate {
    average: f64,
    a: usize,
    b: usize,
    /// The sizes the average was computed with: a stale entry no longer matches.
    sizes: (usize, usize),
}

impl Eq for Candidate {}

impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        // Highest average first; ties go to the lowest indexes, so results never depend on hashing.
        self.average.total_cmp(&other.average).then(other.a.cmp(&self.a)).then(other.b.cmp(&self.b))
    }
}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Average-linkage agglomeration: repeatedly merge the two groups with the highest average
/// pairwise similarity, while it is at least [`THRESHOLD`]. Pairs never compared count as 0.
fn agglomerate(n: usize, edges: Vec<(usize, usize, f64)>) -> Vec<Vec<usize>> {
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    let mut alive = vec![true; n];
    // For each group, the summed similarity to each neighbouring group.
    let mut links: Vec<HashMap<usize, f64>> = vec![HashMap::new(); n];
    let mut heap = BinaryHeap::new();
    for (a, b, s) in edges {
        *links[a].entry(b).or_default() += s;
        *links[b].entry(a).or_default() += s;
        if s >= THRESHOLD {
            heap.push(Candidate { average: s, a, b, sizes: (1, 1) });
        }
    }
    while let Some(Candidate { a, b, sizes, .. }) = heap.pop() {
        if !alive[a] || !alive[b] || sizes != (members[a].len(), members[b].len()) {
            continue;
        }
        // Merge b into a.
        alive[b] = false;
        let moved = std::mem::take(&mut members[b]);
        members[a].extend(moved);
        let b_links = std::mem::take(&mut links[b]);
        links[a].remove(&b);
        for (c, sum) in b_links {
            if c == a {
                continue;
            }
            *links[a].entry(c).or_default() += sum;
            let entry = links[c].remove(&b).unwrap_or(0.0);
            *links[c].entry(a).or_default() += entry;
        }
        let size_a = members[a].len();
        for (&c, &sum) in &links[a] {
            if !alive[c] {
                continue;
            }
            let average = sum / (size_a * members[c].len()) as f64;
            if average >= THRESHOLD {
                let (x, y) = (a.min(c), a.max(c));
                heap.push(Candidate { average, a: x, b: y, sizes: (members[x].len(), members[y].len()) });
            }
        }
    }
    let mut groups: Vec<Vec<usize>> = members
        .into_iter()
        .zip(alive)
        .filter(|(_, alive)| *alive)
        .map(|(mut m, _)| {
            m.sort_unstable();
            m
        })
        .collect();
    groups.sort_by_key(|g| g[0]);
    groups
}

#[cfg(test)]
mod tests {
    use super::super::normalise::{head_clause, tokens};
    use super::*;

    fn groups(texts: &[&str]) -> Vec<Vec<usize>> {
        let phrasings: Vec<Vec<String>> = texts.iter().map(|t| tokens(head_clause(t))).collect();
        cluster(&phrasings).into_iter().filter(|g| g.len() > 1).collect()
    }

    #[test]
    fn one_factor_in_three_wordings_groups_and_another_stays_apart() {
        let found = groups(&[
            "No monitoring of certificate expiry",
            "Certificate expiry was not monitored",
            "No monitoring of disk usage",
            "Missing certificate expiry monitoring",
            "Connection pool sizing on pgbouncer",
            "Database connection pool limits on payments-api",
            "The purge script had no test",
        ]);
        assert_eq!(found, vec![vec![0, 1, 3], vec![4, 5]]);
    }

    #[test]
    fn negation_and_a_shared_generic_word_are_not_enough() {
        assert!(groups(&["No monitoring of disk usage", "No monitoring of queue depth", "No runbook for failover"])
            .is_empty());
    }

    #[test]
    fn empty_input_gives_no_groups() {
        assert!(cluster(&[]).is_empty());
        assert_eq!(cluster(&[vec![]]), vec![vec![0]]);
    }

    #[test]
    fn similarity_is_one_for_the_same_words_and_zero_for_none() {
        let a = [(1, 1.0), (2, 2.0)];
        assert!((similarity(&a, &a) - 1.0).abs() < 1e-9);
        assert_eq!(similarity(&a, &[(3, 1.0)]), 0.0);
    }
}
