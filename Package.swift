// swift-tools-version: 6.1
// netaudit: a network configuration auditor and scanner for ISMS evidence.
// Modules point one way: C shims → NetAddress → Packets → Capture → Snapshot →
// Inventory → Ledger, Policy → Report → the thin `netaudit` CLI.
import PackageDescription

let package = Package(
    name: "netaudit",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "netaudit", targets: ["netaudit"]),
        .executable(name: "netaudit-synth", targets: ["netaudit-synth"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // System libraries: a modulemap and a header each, nothing else.
        .systemLibrary(name: "CPcap", pkgConfig: "libpcap", providers: [.apt(["libpcap-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),

        // Message digests from libcrypto (fingerprints, CSP hashes, evidence integrity).
        .target(name: "Digest", dependencies: ["COpenSSL"]),
        // Value types for link and network addresses; no I/O.
        .target(name: "NetAddress"),
        // Pure, zero-copy packet decoders: no I/O, no policy, no allocation on the hot path.
        .target(name: "Packets", dependencies: ["NetAddress"]),
        // libpcap sources (files, stdin, live), BPF, signals, privilege drop.
        .target(name: "Capture", dependencies: ["CPcap", "Packets"]),
        // Active discovery and service checks with scope, rate limit and dry-run built in.
        .target(name: "Probes", dependencies: ["CPcap", "Packets", "Capture", "NetAddress", "Snapshot"]),
        // The observed world as Codable values: the versioned JSON contract.
        .target(name: "Snapshot", dependencies: ["NetAddress"]),
        // Passive observer folding decoded frames into the snapshot's devices.
        .target(name: "Inventory", dependencies: ["Packets", "Capture", "Snapshot"],
                // The observer is single-threaded by construction; dynamic exclusivity checks on its
                // per-packet state cost ~17% of the hot loop (measured with perf on 3 M frames).
                swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"])]),
        // 802.11 BSS/client observer, hostapd.conf and client-scan readers.
        .target(name: "Wireless", dependencies: ["Packets", "Capture", "Snapshot", "NetAddress"]),
        // TLS: crafted-handshake prober, STARTTLS, certificate facts and trust via OpenSSL, passive TLS from captures.
        .target(name: "TLS", dependencies: ["COpenSSL", "Packets", "Capture", "Snapshot", "NetAddress", "Digest"]),
        // IT equipment ledger (社内 IT 機材管理 台帳): CSV, encodings, validation.
        .target(name: "Ledger", dependencies: ["NetAddress"]),
        // Policy profiles, rules and the pure audit function.
        .target(name: "Policy", dependencies: ["Snapshot", "Ledger", "NetAddress", "Digest", .product(name: "Yams", package: "Yams")]),
        // Reporters chosen by name: text, json, sarif, junit, html, csv.
        .target(name: "Report", dependencies: ["Policy", "Snapshot", "Digest"]),
        // The thin command-line front end: one command per file.
        .executableTarget(name: "netaudit", dependencies: [
            "Capture", "Inventory", "Probes", "Wireless", "TLS", "Snapshot", "Ledger", "Policy", "Report", "Packets", "NetAddress",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Deterministic synthetic capture writer for the demo, tests and benchmarks.
        .executableTarget(name: "netaudit-synth", dependencies: ["NetAddress", "Digest"]),

        // posix_spawn/waitpid subprocess helper shared by the tests that run programs (not Foundation.Process).
        .target(name: "TestSupport", path: "Tests/TestSupport"),

        .testTarget(name: "NetAddressTests", dependencies: ["NetAddress"]),
        .testTarget(name: "DigestTests", dependencies: ["Digest"]),
        .testTarget(name: "PacketsTests", dependencies: ["Packets", "TestSupport"]),
        .testTarget(name: "CaptureTests", dependencies: ["Capture", "Packets"]),
        .testTarget(name: "InventoryTests", dependencies: ["Inventory", "Capture", "Snapshot", "Packets", "TestSupport"]),
        .testTarget(name: "ProbesTests", dependencies: ["Probes", "NetAddress", "Packets", "TestSupport"]),
        .testTarget(name: "WirelessTests", dependencies: ["Wireless", "Packets", "Capture", "Snapshot", "NetAddress", "TestSupport"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "TLSTests", dependencies: ["TLS", "Packets", "Capture", "Snapshot", "NetAddress", "TestSupport"]),
        .testTarget(name: "LedgerTests", dependencies: ["Ledger"]),
        .testTarget(name: "PolicyTests", dependencies: ["Policy", "Ledger", "Snapshot", "NetAddress", "Digest"]),
        .testTarget(name: "ReportTests", dependencies: ["Report", "Policy", "Snapshot", "Digest", "Wireless"], exclude: ["Golden"]),
        .testTarget(name: "CLITests", dependencies: ["Snapshot", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
