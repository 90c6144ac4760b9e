/// Settings that cannot all hold at once. Each check mirrors a contradiction the source
/// policies contain (requirements §5) that a profile can express; a profile that transcribes
/// such clauses literally must resolve them (usually by an `org_decision`) before it lints clean.
enum LintContradictions {
    static func check(_ profile: ResolvedProfile) -> [LintDiagnostic] {
        perUserAccountsVersusSharedKeys(profile)
            + tlsVersionBounds(profile)
            + internalPlaintextMail(profile)
            + portsForbiddenAndAllowed(profile)
            + wirelessAuthWithoutCipher(profile)
            + siteCount(profile)
    }

    /// Where to point: the setting involved that comes last in the chain (the child's, when a
    /// child profile completes a contradiction with its parent's setting).
    private static func location(in profile: ResolvedProfile, _ origins: ProfileOrigin?...) -> LintLocation? {
        func rank(_ location: LintLocation) -> (Int, Int, Int) {
            (profile.chain.firstIndex(of: location.file) ?? -1, location.line, location.column)
        }
        return origins.compactMap { $0?.location }.max { rank($0) < rank($1) }
    }

    /// CON-3 (a)/(d): JPMA 5.1.3 prescribes WPA2-PSK, one key shared by everyone, while 7.23
    /// requires that only people authenticated with a unique account connect (ISMS 8.21 asks for
    /// user-name/password authentication to the internal network).
    static func perUserAccountsVersusSharedKeys(_ profile: ResolvedProfile) -> [LintDiagnostic] {
        guard let rule = profile.rule("wireless.auth_not_allowed"), rule.bool("require_per_user_accounts") == true,
              let allowed = rule.enumerations("allowed_auth", as: RuleCatalog.WirelessAuth.self) else { return [] }
        let shared = allowed.filter { !$0.identifiesEachUser }
        guard !shared.isEmpty, let at = location(in: profile, rule.parameter("require_per_user_accounts")?.origin,
                                                 rule.parameter("allowed_auth")?.origin) else { return [] }
        let names = shared.map(\.rawValue).joined(separator: ", ")
        if shared.count == allowed.count {
            return [LintDiagnostic(.error, at: at,
                "contradiction: wireless.auth_not_allowed requires per-user accounts (require_per_user_accounts: true) but allows only shared-key or unauthenticated methods (\(names)); allow an 802.1X method such as wpa2-enterprise or wpa3-enterprise, or record an org_decision dropping one requirement")]
        }
        return [LintDiagnostic(.error, at: at,
            "contradiction: wireless.auth_not_allowed requires per-user accounts but also allows \(names), with which everyone shares one key; a network using it would pass although it identifies no user")]
    }

    static func tlsVersionBounds(_ profile: ResolvedProfile) -> [LintDiagnostic] {
        guard let rule = profile.rule("tls.protocol_version"),
              let minimum = rule.enumeration("min_version", as: RuleCatalog.TLSVersion.self),
              let maximum = rule.enumeration("max_version", as: RuleCatalog.TLSVersion.self), maximum < minimum,
              let at = location(in: profile, rule.parameter("min_version")?.origin, rule.parameter("max_version")?.origin) else { return [] }
        return [LintDiagnostic(.error, at: at,
            "contradiction: tls.protocol_version min_version \(minimum.rawValue) is above max_version \(maximum.rawValue); no protocol version could pass")]
    }

    /// EX-1 / CON-1: JPMA 5.1.4 has internal mail authenticate in plaintext; a profile that
    /// allows it must not at the same time demand STARTTLS from those same internal servers.
    static func internalPlaintextMail(_ profile: ResolvedProfile) -> [LintDiagnostic] {
        guard let plaintext = profile.rule("mail.plaintext_auth"), plaintext.bool("allow_on_internal_sites") == true,
              let starttls = profile.rule("mail.starttls_missing"), starttls.bool("exempt_internal_sites") != true,
              let at = location(in: profile, plaintext.parameter("allow_on_internal_sites")?.origin,
                                starttls.parameter("exempt_internal_sites")?.origin, starttls.origin) else { return [] }
        return [LintDiagnostic(.error, at: at,
            "contradiction: mail.plaintext_auth allows cleartext authentication on internal sites, but mail.starttls_missing still requires STARTTLS from internal mail servers; set mail.starttls_missing exempt_internal_sites: true or stop allowing internal plaintext")]
    }

    /// EX-3 / 004 第11条3: a port cannot be both forbidden everywhere and allowed everywhere.
    static func portsForbiddenAndAllowed(_ profile: ResolvedProfile) -> [LintDiagnostic] {
        guard let forbidden = profile.rule("services.forbidden_port"), let allowed = profile.rule("services.not_allowed"),
              let forbiddenPorts = forbidden.ports("ports"), let allowedPorts = allowed.ports("allowed_ports") else { return [] }
        var diagnostics: [LintDiagnostic] = []
        for port in forbiddenPorts {
            for other in allowedPorts where port.overlaps(other) {
                guard let at = location(in: profile, forbidden.parameter("ports")?.origin, allowed.parameter("allowed_ports")?.origin) else { continue }
                diagnostics.append(LintDiagnostic(.error, at: at,
                    "contradiction: port \(port) is forbidden by services.forbidden_port but allowed on every host by services.not_allowed (\(other)); approve individual hosts with an exception instead"))
            }
        }
        return diagnostics
    }

    /// CON-3 (b): every allowed authentication method needs at least one allowed cipher it can
    /// run with (WEP keys need WEP; WPA3 forbids TKIP and WEP), or it could never pass.
    static func wirelessAuthWithoutCipher(_ profile: ResolvedProfile) -> [LintDiagnostic] {
        guard let auth = profile.rule("wireless.auth_not_allowed"), let cipher = profile.rule("wireless.cipher_not_allowed"),
              let methods = auth.enumerations("allowed_auth", as: RuleCatalog.WirelessAuth.self),
              let ciphers = cipher.enumerations("allowed_pairwise", as: RuleCatalog.WirelessCipher.self) else { return [] }
        let allowedCiphers = Set(ciphers)
        return methods.filter { $0.compatibleCiphers.isDisjoint(with: allowedCiphers) }.compactMap { method in
            guard let at = location(in: profile, auth.parameter("allowed_auth")?.origin, cipher.parameter("allowed_pairwise")?.origin) else { return nil }
            let usable = RuleCatalog.WirelessCipher.allCases.filter { method.compatibleCiphers.contains($0) }.map(\.rawValue)
            return LintDiagnostic(.error, at: at,
                "contradiction: allowed_auth includes \(method.rawValue), but none of the allowed pairwise ciphers (\(ciphers.map(\.rawValue).joined(separator: ", "))) works with it (it needs one of \(usable.joined(separator: ", ")))")
        }
    }

    /// CON-5: JPMA 7.22.1 prescribes three subnets (HQ and two factories); declared sites must agree.
    static func siteCount(_ profile: ResolvedProfile) -> [LintDiagnostic] {
        guard let rule = profile.rule("ledger.subnet_mismatch"), let required = rule.int("required_site_count"),
              !profile.scope.sites.isEmpty, profile.scope.sites.count != required,
              let at = location(in: profile, rule.parameter("required_site_count")?.origin, .file(profile.scope.sites[profile.scope.sites.count - 1].location))
        else { return [] }
        return [LintDiagnostic(.warning, at: at,
            "scope declares \(profile.scope.sites.count) site(s) but ledger.subnet_mismatch required_site_count is \(required)")]
    }
}
