/// TLS observation: what a server accepts and presents, as `Snapshot.TLSEndpoint` facts.
///
/// Active probing crafts ClientHellos itself (Packets' TLS builders) because OpenSSL 3 cannot
/// offer SSLv3, RC4, 3DES or export suites, which are exactly the weaknesses an audit looks
/// for; OpenSSL is used for what it does well: a real TLS 1.3 handshake to obtain the chain,
/// X.509 parsing and chain verification. STARTTLS (SMTP, IMAP, POP3, FTP, LDAP) is spoken
/// here too. The passive observer reads the same facts from captured handshakes.
/// Nothing here judges: the Policy module's tls.* and mail.* rules do.
