/// How much of a list to return, and after which item (the opaque cursor, decoded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest<C> {
    pub limit: u64,
    pub after: Option<C>,
}

/// One page of a list and the cursor of its last item when more may follow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T, C> {
    pub items: Vec<T>,
    pub next: Option<C>,
}

impl<T, C> Page<T, C> {
    /// Builds a page from `limit + 1` fetched rows: the extra row only tells that more exist.
    pub(crate) fn from_overfetch(mut rows: Vec<T>, limit: u64, cursor_of: impl Fn(&T) -> C) -> Self {
        let more = rows.len() as u64 > limit;
        rows.truncate(limit as usize);
        let next = if more { rows.last().map(cursor_of) } else { None };
        Page { items: rows, next }
    }
}
