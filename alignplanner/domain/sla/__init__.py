"""Service-level agreements on the hand-offs: their terms, the business calendar their
windows are counted in, the Erlang C queue, and whether a team keeps them month by month."""
