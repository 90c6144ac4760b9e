import ArgumentParser

/// The wireless inputs `wifi` and `audit` both read besides captures: access-point configurations
/// (hostapd.conf with its MAC lists, OpenWrt's /etc/config/wireless) and client-side scans
/// (`iw dev IFACE scan`, `nmcli -t -f ALL dev wifi`). Keys are scored, never kept.
struct WirelessInputs: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("An access point's hostapd.conf (repeatable); its accept_mac_file/deny_mac_file lists are read too; keys are scored, never reported.", valueName: "file"))
    var hostapdConf: [String] = []

    @Option(name: .customLong("openwrt-wireless"), help: ArgumentHelp("An OpenWrt /etc/config/wireless, scored like a hostapd.conf (repeatable).", valueName: "file"))
    var openwrtWireless: [String] = []

    @Option(name: .customLong("iw-scan"), help: ArgumentHelp("The text of `iw dev IFACE scan` (repeatable; - for stdin).", valueName: "file"))
    var iwScan: [String] = []

    @Option(name: .long, help: ArgumentHelp("The text of `nmcli -t -f ALL dev wifi` (repeatable; - for stdin).", valueName: "file"))
    var nmcli: [String] = []

    var isEmpty: Bool { hostapdConf.isEmpty && openwrtWireless.isEmpty && iwScan.isEmpty && nmcli.isEmpty }

}
