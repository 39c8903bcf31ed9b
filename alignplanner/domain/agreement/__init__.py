"""The agreement between marketing and sales: the lead-scoring model that defines the
MQL, the sign-off, and where the sign-off stands."""
