//! Disjoint sets: grouping items linked pairwise (passage spans, conflicting sentences).

/// Union–find over `0..n` with path halving; the smaller index is each group's root.
pub(crate) struct Groups {
    parent: Vec<usize>,
}

impl Groups {
    pub(crate) fn new(n: usize) -> Self {
        Groups {
            parent: (0..n).collect(),
        }
    }

    pub(crate) fn root(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    pub(crate) fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.root(a), self.root(b));
        if ra != rb {
            self.parent[ra.max(rb)] = ra.min(rb);
        }
    }
}
