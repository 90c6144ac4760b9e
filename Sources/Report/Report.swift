/// Reporters chosen by name (`--format`): text, json, sarif, junit, html, csv.
import Policy
public enum ReportModule {}
