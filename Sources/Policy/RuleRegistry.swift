/// The explicit list of implemented audit rules, in catalog order. A new rule is added here and
/// nowhere else; the registry tests check that every entry has a catalog entry, a unique id and
/// examples. Catalog rules with no implementation here (the wireless rules that compare with the
/// ledger or need a site survey) are reported by the auditor as "not evaluated", never silently
/// skipped; so are the TLS and mail rules when the snapshot holds no TLS or mail facts
/// (`AuditInputRequirement`).
public enum RuleRegistry {
    /// Every implemented rule.
    public static var all: [any AuditRule.Type] {
        [
            UnregisteredDeviceRule.self,
            DeviceNotSeenRule.self,
            IPMismatchRule.self,
            MACMismatchRule.self,
            RetiredDeviceSeenRule.self,
            RandomizedMACRule.self,
            ApprovalExpiredRule.self,
            SubnetMismatchRule.self,
            RogueDHCPServerRule.self,
            IPConflictRule.self,
            ForbiddenPortRule.self,
            NotAllowedServiceRule.self,
            CleartextManagementRule.self,
            ProtocolVersionRule.self,
            WeakCipherRule.self,
            WeakKeyExchangeRule.self,
            CertExpiredRule.self,
            CertExpiringRule.self,
            CertKeyTooSmallRule.self,
            CertWeakSignatureRule.self,
            CertHostnameMismatchRule.self,
            CertUntrustedRule.self,
            CertChainIncompleteRule.self,
            StartTLSMissingRule.self,
            PlaintextAuthRule.self,
            AuthNotAllowedRule.self,
            CipherNotAllowedRule.self,
            PSKWeakRule.self,
            AnyConnectionEnabledRule.self,
            MACAuthMissingRule.self,
            MACACLMismatchRule.self,
            PMFNotRequiredRule.self,
            WPSEnabledRule.self,
            RogueAPRule.self,
            UnauthorizedClientRule.self,
        ]
    }

    /// The implementation of `id`, or nil when the catalog rule has none yet.
    public static func rule(for id: String) -> (any AuditRule.Type)? { all.first { $0.id == id } }

    /// Catalog ids without an implementation, in catalog order.
    public static var unimplementedIDs: [String] {
        let implemented = Set(all.map { $0.id })
        return RuleCatalog.ids.filter { !implemented.contains($0) }
    }
}
