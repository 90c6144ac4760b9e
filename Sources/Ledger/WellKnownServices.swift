/// Service names accepted in `allowed_services`, with their IANA registered ports
/// (RFC 6335 service name registry). A fixed table rather than `/etc/services`, so a
/// ledger means the same thing on every machine.
enum WellKnownServices {
    static let entries: [(name: String, specs: [ServiceSpec])] = [
        ("ftp", [.init(.tcp, 21)]),
        ("ssh", [.init(.tcp, 22)]),
        ("sftp", [.init(.tcp, 22)]),
        ("telnet", [.init(.tcp, 23)]),
        ("smtp", [.init(.tcp, 25)]),
        ("dns", [.init(.udp, 53), .init(.tcp, 53)]),
        ("domain", [.init(.udp, 53), .init(.tcp, 53)]),
        ("dhcp", [.init(.udp, 67)]),
        ("bootps", [.init(.udp, 67)]),
        ("tftp", [.init(.udp, 69)]),
        ("http", [.init(.tcp, 80)]),
        ("kerberos", [.init(.tcp, 88), .init(.udp, 88)]),
        ("pop3", [.init(.tcp, 110)]),
        ("ntp", [.init(.udp, 123)]),
        ("netbios-ns", [.init(.udp, 137)]),
        ("netbios-dgm", [.init(.udp, 138)]),
        ("netbios-ssn", [.init(.tcp, 139)]),
        ("imap", [.init(.tcp, 143)]),
        ("snmp", [.init(.udp, 161)]),
        ("snmptrap", [.init(.udp, 162)]),
        ("ldap", [.init(.tcp, 389)]),
        ("https", [.init(.tcp, 443)]),
        ("smb", [.init(.tcp, 445)]),
        ("microsoft-ds", [.init(.tcp, 445)]),
        ("smtps", [.init(.tcp, 465)]),
        ("isakmp", [.init(.udp, 500)]),
        ("ike", [.init(.udp, 500)]),
        ("syslog", [.init(.udp, 514)]),
        ("printer", [.init(.tcp, 515)]),
        ("lpd", [.init(.tcp, 515)]),
        ("rtsp", [.init(.tcp, 554)]),
        ("submission", [.init(.tcp, 587)]),
        ("ipp", [.init(.tcp, 631)]),
        ("ldaps", [.init(.tcp, 636)]),
        ("imaps", [.init(.tcp, 993)]),
        ("pop3s", [.init(.tcp, 995)]),
        ("openvpn", [.init(.udp, 1194)]),
        ("mssql", [.init(.tcp, 1433)]),
        ("l2tp", [.init(.udp, 1701)]),
        ("mysql", [.init(.tcp, 3306)]),
        ("rdp", [.init(.tcp, 3389)]),
        ("ms-wbt-server", [.init(.tcp, 3389)]),
        ("ipsec-nat-t", [.init(.udp, 4500)]),
        ("sip", [.init(.udp, 5060)]),
        ("mdns", [.init(.udp, 5353)]),
        ("postgresql", [.init(.tcp, 5432)]),
        ("vnc", [.init(.tcp, 5900)]),
        ("http-alt", [.init(.tcp, 8080)]),
        ("https-alt", [.init(.tcp, 8443)]),
        ("jetdirect", [.init(.tcp, 9100)]),
        ("wireguard", [.init(.udp, 51820)]),
    ]

    /// Keyed by lower-case name as written (hyphens kept: `netbios-ns`).
    static let table: [String: [ServiceSpec]] = {
        var map: [String: [ServiceSpec]] = [:]
        for entry in entries { map[entry.name] = entry.specs }
        return map
    }()
}
