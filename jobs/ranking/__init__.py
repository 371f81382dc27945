"""Ranking: the matching engine over jobs, profiles and documents (match
scores, recommendations, similar jobs, ranked candidates, resume analysis,
posting advice), with its pages (namespace "ranking") and the /api/v1/ai/
endpoints that score. The taxonomy and the pure engine stay in `matching`,
below candidates and documents; this package sits in jobs, above them
(docs/architecture.md, "Ranking")."""
