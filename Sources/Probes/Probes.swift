/// Active discovery and service checks: ARP sweep, ICMP/TCP probes, TCP service checks.
/// Scope, rate limit and dry-run are built into every prober, so no caller can bypass them.
public enum ProbesModule {}
