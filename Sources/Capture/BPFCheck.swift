import CPcap

/// Validates a BPF expression without opening any source (for Ethernet frames).
public enum BPFCheck {
    public static func compile(_ expression: String, linkType: Int32 = 1) throws {
        guard let dead = pcap_open_dead(linkType, 262_144) else { throw CaptureError(.runtime, "pcap_open_dead failed") }
        defer { pcap_close(dead) }
        var program = bpf_program()
        guard pcap_compile(dead, &program, expression, 1, PCAP_NETMASK_UNKNOWN) == 0 else {
            throw CaptureError(.input, "bad filter '\(expression)': \(String(cString: pcap_geterr(dead)))")
        }
        pcap_freecode(&program)
    }
}
