//! Helpers for the crate's unit tests.

/// A small seeded generator for the differential tests: `next(bound)` is a number below `bound`,
/// the same sequence on every run and machine, so a failing case can be replayed.
pub fn seeded(seed: u64) -> impl FnMut(usize) -> usize {
    let mut state = seed;
    move |bound| {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize % bound
    }
}
