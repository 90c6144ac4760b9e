import NetAddress

/// A manufacturer's IEEE MA-L assignment. `organization` is spelled exactly as
/// in the registry (`/usr/share/ieee-data/oui.txt`), which the tests check.
struct Vendor: Sendable, Equatable {
    let oui: UInt32
    let organization: String

    /// A station address under this OUI with the given 24-bit NIC-specific part.
    func mac(nic: UInt32) -> MACAddress { MACAddress(rawValue: UInt64(oui) << 24 | UInt64(nic & 0xFF_FFFF)) }

    /// `3c:2a:f4`.
    var ouiText: String {
        String(MACAddress(rawValue: UInt64(oui) << 24).description.prefix(8))
    }
}

enum Vendors {
    static let ciscoRouter = Vendor(oui: 0xF4BD9E, organization: "Cisco Systems, Inc")
    static let ciscoPhone = Vendor(oui: 0x084FA9, organization: "Cisco Systems, Inc")
    static let hpe = Vendor(oui: 0x4CAEA3, organization: "Hewlett Packard Enterprise")
    static let dell = Vendor(oui: 0x98E743, organization: "Dell Inc.")
    static let dellDesktop = Vendor(oui: 0x6C2B59, organization: "Dell Inc.")
    static let apple = Vendor(oui: 0x608B0E, organization: "Apple, Inc.")
    static let brother = Vendor(oui: 0x3C2AF4, organization: "Brother Industries, LTD.")
    static let brotherOld = Vendor(oui: 0x008077, organization: "Brother industries, LTD.")
    static let yamaha = Vendor(oui: 0xAC44F2, organization: "YAMAHA CORPORATION")
    static let buffaloNAS = Vendor(oui: 0xCCE1D5, organization: "BUFFALO.INC")
    static let buffaloRouter = Vendor(oui: 0x343DC4, organization: "BUFFALO.INC")
    static let nec = Vendor(oui: 0xF46E24, organization: "NEC Personal Computers, Ltd.")
    static let necPlatforms = Vendor(oui: 0x6CE4DA, organization: "NEC Platforms, Ltd.")
    static let fujitsu = Vendor(oui: 0xB0ACFA, organization: "FUJITSU LIMITED")
    static let fujitsuClient = Vendor(oui: 0xE446B0, organization: "Fujitsu Client Computing Limited")
    static let lenovo = Vendor(oui: 0x10C595, organization: "Lenovo")
    static let raspberryPi = Vendor(oui: 0xDCA632, organization: "Raspberry Pi Trading Ltd")
    static let canon = Vendor(oui: 0x7438B7, organization: "CANON INC.")
    static let hpInc = Vendor(oui: 0xF80DAC, organization: "HP Inc.")
    static let panasonic = Vendor(oui: 0xBCC342, organization: "Panasonic Communications Co., Ltd.")
}
