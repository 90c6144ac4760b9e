/// Policy: what the organisation's written security policy allows, and the pure audit over it.
///
/// This module holds the policy-profile schema (`profiles/*.yaml`), its loader with `extends:`
/// merging (`ProfileLoader`, `ResolvedProfile`), the linter that CI runs on every commit
/// (`ProfileLinter`, `LintDiagnostic`), the catalog of every rule id the audit engine knows
/// (`RuleCatalog`), and the finding model the reporters render (`Finding`, `Citation`, `Severity`).
///
/// Every value a profile sets is traceable: to a clause of a source policy document (quoted
/// exactly), to a public good-practice source, or to an explicit organisational decision.
/// See `docs/profile-schema.md` for the schema and the merge semantics.
public enum PolicyModule {}
