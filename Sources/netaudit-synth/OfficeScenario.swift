import NetAddress

/// The small office LAN of the README demo and the end-to-end tests.
///
/// 本社 (head office): 198.18.10.0/24 untagged for PCs, printers and servers,
/// and VLAN 20 (198.18.20.0/24) for the IP phone and a camera, routed by a
/// Cisco router-on-a-stick that is also the DHCP and DNS server. IPv6 uses
/// 2001:2:0:10::/64 and 2001:2:0:20::/64 from the RFC 5180 benchmarking block.
///
/// Planted anomalies: a rogue DHCP server (a home router someone plugged in),
/// an IP conflict between a DHCP PC and a hand-configured one, a PC that
/// moves to a new lease, and a burst of 50 gratuitous ARPs in under 2 s.
/// Device MACs' NIC bytes, transaction ids, ports and jitter come from the
/// seed; addresses, names and the script do not.
struct OfficeScenario {
    static let startTime: Int64 = 1_795_165_200 * 1_000_000_000   // 2026-11-20T09:00:00Z
    static let domain = "office.example"

    static let lan = IPv4Address(198, 18, 10, 0)
    static let lanBroadcast = IPv4Address(198, 18, 10, 255)
    static let voice = IPv4Address(198, 18, 20, 0)
    static let mask24 = IPv4Address(255, 255, 255, 0)
    static let lanPrefix = IPv6Address(high: 0x2001_0002_0000_0010, low: 0)
    static let voicePrefix = IPv6Address(high: 0x2001_0002_0000_0020, low: 0)
    static let rogueLAN = IPv4Address(198, 19, 1, 1)

    static func lanIP(_ host: UInt8) -> IPv4Address { IPv4Address(198, 18, 10, host) }
    static func voiceIP(_ host: UInt8) -> IPv4Address { IPv4Address(198, 18, 20, host) }

    let seed: UInt64

    struct Result {
        var truth: Truth
        var ledgerCSV: String
    }

    /// Writes every frame to `writer` and returns the truth and the matching ledger.
    func run(writer: CaptureWriter, format: CaptureFormat) throws(SynthError) -> Result {
        let net = Network(seed: seed, writer: writer, startTime: Self.startTime)
        var macs = MACAllocator()

        func station(_ key: String, _ summary: String, _ vendor: Vendor, ttl: UInt8, vlan: UInt16? = nil) -> Station {
            let mac = macs.next(vendor: vendor, rng: &net.rng)
            return Station(key: key, summary: summary, mac: mac, tags: vlan.map { [VLANTag(vid: $0)] } ?? [],
                           vendor: vendor, ttl: ttl, ipIdentification: net.rng.u16())
        }
        func phone(_ key: String, _ summary: String, ttl: UInt8) -> Station {
            let mac = macs.nextRandomized(rng: &net.rng)
            return Station(key: key, summary: summary, mac: mac, vendor: nil, ttl: ttl, ipIdentification: net.rng.u16())
        }

        // MARK: stations
        let router = station("router", "Cisco C1111-8P router: default gateway, DHCP and DNS server", Vendors.ciscoRouter, ttl: 255)
        let router20 = Station(key: "router-vlan20", summary: "The same router's VLAN 20 subinterface", mac: router.mac,
                               tags: [VLANTag(vid: 20)], vendor: Vendors.ciscoRouter, ttl: 255, ipIdentification: net.rng.u16())
        let coreSwitch = station("switch", "HPE Aruba 2930F-24G access switch", Vendors.hpe, ttl: 64)
        let accessPoint = station("access-point", "Yamaha WLX313 wireless access point", Vendors.yamaha, ttl: 64)
        let nas = station("nas", "Buffalo TeraStation NAS (ledger records another IP)", Vendors.buffaloNAS, ttl: 64)
        let web = station("web-server", "Fujitsu PRIMERGY intranet web server (HTTPS, self-signed)", Vendors.fujitsu, ttl: 64)
        let canon = station("printer-canon", "Canon MF745C that replaced the ledger's Brother HL printer", Vendors.canon, ttl: 64)
        let brother = station("printer-brother", "Brother MFC-L8900CDW multifunction printer", Vendors.brother, ttl: 64)
        let dell = station("pc-dell", "Dell Latitude 5440, Windows 11", Vendors.dell, ttl: 128)
        let lenovo = station("pc-lenovo", "Lenovo ThinkPad L14, Windows 11 (moves to a new lease)", Vendors.lenovo, ttl: 128)
        let fujitsuPC = station("pc-fujitsu", "Fujitsu LIFEBOOK A5513, Windows 10 (IP conflict, DHCP side)", Vendors.fujitsuClient, ttl: 128)
        let necPC = station("pc-nec", "NEC Mate, Windows 10 with a hand-set address (IP conflict)", Vendors.nec, ttl: 128)
        let hpPC = station("pc-hp-retired", "HP ProDesk 400, retired in the ledger but still on the LAN", Vendors.hpInc, ttl: 128)
        let mac = station("macbook", "Apple MacBook Pro, macOS 14", Vendors.apple, ttl: 64)
        let iphone = phone("iphone", "iPhone with a private (randomized) Wi-Fi address", ttl: 64)
        let android = phone("android", "Android 13 phone with a randomized address", ttl: 64)
        let pi = station("raspberry-pi", "Raspberry Pi 4 environment sensor (gratuitous ARP flood)", Vendors.raspberryPi, ttl: 64)
        let rogue = station("rogue-dhcp", "Buffalo WSR home router plugged in with its DHCP server on", Vendors.buffaloRouter, ttl: 64)
        let ipPhone = station("ip-phone", "Cisco IP Phone 8845 on the voice VLAN", Vendors.ciscoPhone, ttl: 64, vlan: 20)
        let camera = station("camera", "Panasonic network camera on VLAN 20", Vendors.panasonic, ttl: 64, vlan: 20)
        let stations = [router, router20, coreSwitch, accessPoint, nas, web, canon, brother, dell, lenovo, fujitsuPC, necPC,
                        hpPC, mac, iphone, android, pi, rogue, ipPhone, camera]

        // Addresses and link-local identities.
        let gw = Self.lanIP(1), gw20 = Self.voiceIP(1)
        let routerLL = IPv6Address.linkLocal(IPv6Address.eui64(router.mac))
        let piLL = IPv6Address.linkLocal(IPv6Address.eui64(pi.mac))
        let piGlobal = IPv6Address(prefix: Self.lanPrefix, interfaceID: IPv6Address.eui64(pi.mac))
        let macLL = IPv6Address.linkLocal(net.rng.next() & ~0x0200_0000_0000_0000)
        let macGlobal = IPv6Address(prefix: Self.lanPrefix, interfaceID: net.rng.next() & ~0x0200_0000_0000_0000)
        let dellLL = IPv6Address.linkLocal(net.rng.next() & ~0x0200_0000_0000_0000)

        let lanServer = DHCPServerProfile(station: router, address: gw, subnetMask: Self.mask24, router: gw, dns: gw,
                                          domain: Self.domain, leaseSeconds: 86_400, broadcastReplies: false, rogue: false)
        let voiceServer = DHCPServerProfile(station: router20, address: gw20, subnetMask: Self.mask24, router: gw20, dns: gw,
                                            domain: Self.domain, leaseSeconds: 86_400, broadcastReplies: false, rogue: false)
        let rogueServer = DHCPServerProfile(station: rogue, address: Self.rogueLAN, subnetMask: Self.mask24, router: Self.rogueLAN,
                                            dns: Self.rogueLAN, domain: nil, leaseSeconds: 172_800, broadcastReplies: true, rogue: true)
        var rogueNext = 100
        func rogueOffer() -> [(DHCPServerProfile, IPv4Address)] {
            defer { rogueNext += 1 }
            return [(rogueServer, IPv4Address(198, 19, 1, UInt8(rogueNext)))]
        }

        let switchInfo = NeighborAnnouncement(
            chassisMAC: coreSwitch.mac, portID: "24", portDescription: "24", systemName: "sw-honsha-2f-01",
            systemDescription: "Aruba JL259A 2930F-24G-4SFP Switch, revision WC.16.11.0012, ROM WC.17.02.0007 "
                + "(/ws/swbuildm/rel_ukiah_qaoff/code/build/bom(swbuildm_rel_ukiah_qaoff_rel_ukiah))",
            capabilities: ["bridge", "router"], enabledCapabilities: ["bridge"], managementAddress: Self.lanIP(2),
            portVLAN: 1, ifIndex: 24)
        let apInfo = NeighborAnnouncement(
            chassisMAC: accessPoint.mac, portID: "LAN1", portDescription: "LAN1", systemName: "ap-honsha-2f-01",
            systemDescription: "YAMAHA WLX313 Rev.23.00.09", capabilities: ["bridge", "wlan_ap"],
            managementAddress: Self.lanIP(3), portVLAN: 1, ifIndex: 1)
        let routerInfo = NeighborAnnouncement(
            chassisMAC: router.mac, portID: "GigabitEthernet0/0/1", portDescription: "GigabitEthernet0/0/1",
            systemName: "rtr-honsha-01",
            systemDescription: "Cisco IOS XE Software, Version 17.09.04a\nCisco IOS Software [Cupertino], ISR Software "
                + "(X86_64_LINUX_IOSD-UNIVERSALK9-M), Version 17.9.4a, RELEASE SOFTWARE (fc3)",
            capabilities: ["router", "switch", "igmp"], managementAddress: gw, platform: "cisco C1111-8P", portVLAN: 1, ifIndex: 2)

        let certificate = CertificateProfile(
            serial: net.rng.next() >> 1, commonName: "intranet.office.example", organization: "株式会社サンプル商事",
            country: "JP", dnsNames: ["intranet.office.example", "srv-web01.office.example"],
            notBefore: "260401000000Z", notAfter: "270331235959Z").der()
        let certificateSubject = "C=JP, O=株式会社サンプル商事, CN=intranet.office.example"

        let dellProfile = DHCPClientProfile.windows(hostname: "SOUMU-PC01", domain: Self.domain, mac: dell.mac)
        let lenovoProfile = DHCPClientProfile.windows(hostname: "EIGYO-PC02", domain: Self.domain, mac: lenovo.mac)
        let fujitsuProfile = DHCPClientProfile.windows(hostname: "KEIRI-PC03", domain: Self.domain, mac: fujitsuPC.mac)
        let hpProfile = DHCPClientProfile.windows(hostname: "KAIGI-PC01", domain: Self.domain, mac: hpPC.mac)
        let macProfile = DHCPClientProfile.macOS(hostname: "Taro-no-MacBook-Pro", mac: mac.mac)
        let iphoneProfile = DHCPClientProfile.iOS(hostname: "Hanako-no-iPhone", mac: iphone.mac)
        let androidProfile = DHCPClientProfile.android(hostname: "Galaxy-S23", mac: android.mac)
        let piDUID = DHCPv6.duidLLT(time: 0x2C1B_4A10, mac: pi.mac)
        let piProfile = DHCPClientProfile.dhcpcd(hostname: "envsensor01", domain: Self.domain, mac: pi.mac, duid: piDUID)
        let brotherName = "BRN" + hexString(DHCPClientProfile.macBytes(brother.mac)).uppercased()
        let brotherProfile = DHCPClientProfile.brotherPrinter(hostname: brotherName, mac: brother.mac)
        let phoneName = "SEP" + hexString(DHCPClientProfile.macBytes(ipPhone.mac)).uppercased()
        let phoneProfile = DHCPClientProfile.ciscoPhone(hostname: phoneName, model: "CP-8845", mac: ipPhone.mac)

        let dellIP = Self.lanIP(101), lenovoIP = Self.lanIP(102), lenovoNewIP = Self.lanIP(115)
        let conflictIP = Self.lanIP(103), piIP = Self.lanIP(104), hpIP = Self.lanIP(105)
        let macIP = Self.lanIP(110), iphoneIP = Self.lanIP(111), androidIP = Self.lanIP(112)
        let nasIP = Self.lanIP(20), webIP = Self.lanIP(25), brotherIP = Self.lanIP(30), canonIP = Self.lanIP(31)
        let phoneIP = Self.voiceIP(50), cameraIP = Self.voiceIP(60)

        /// What a client does once it holds a lease: probe, then announce (RFC 5227).
        func claim(_ s: Station, _ ip: IPv4Address) throws(SynthError) {
            try net.arpProbe(from: s, ip: ip)
            net.pause(milliseconds: 200)
            try net.gratuitousARP(from: s, ip: ip)
        }

        // MARK: t = 0 s: infrastructure announces itself
        try net.lldpAnnounce(from: coreSwitch, switchInfo)
        try net.lldpAnnounce(from: accessPoint, apInfo)
        try net.cdpAnnounce(from: router, routerInfo)
        try net.routerAdvertisement(from: router, linkLocal: routerLL, prefix: Self.lanPrefix, managed: false, other: true)
        try net.routerAdvertisement(from: router20, linkLocal: routerLL, prefix: Self.voicePrefix, managed: false, other: true)
        net.pause(milliseconds: 400)

        // Static servers come up.
        try net.gratuitousARP(from: nas, ip: nasIP)
        try net.nbnsRegister(from: nas, name: "NAS-HONSHA01", address: nasIP, broadcast: Self.lanBroadcast)
        net.pause(milliseconds: 700)
        try net.gratuitousARP(from: web, ip: webIP)
        net.pause(milliseconds: 500)
        try net.gratuitousARP(from: canon, ip: canonIP)
        try net.mdnsAnnounce(from: canon, ipv4Source: canonIP, host: "Canon-MF745C", addresses: [canonIP], services: [
            MDNSService(instance: "Canon MF745C/746C", type: "_ipp._tcp", port: 631,
                        txt: ["txtvers=1", "rp=ipp/print", "ty=Canon MF745C/746C", "pdl=application/pdf,image/urf", "note=総務部"]),
        ])
        try net.gratuitousARP(from: camera, ip: cameraIP)

        // MARK: t = 3 s: DHCP clients join
        net.at(seconds: 3)
        try net.dhcpLease(client: brother, profile: brotherProfile, chosen: lanServer, address: brotherIP)
        try claim(brother, brotherIP)
        try net.mdnsAnnounce(from: brother, ipv4Source: brotherIP, host: brotherName, addresses: [brotherIP], services: [
            MDNSService(instance: "Brother MFC-L8900CDW series", type: "_ipp._tcp", port: 631,
                        txt: ["txtvers=1", "qtotal=1", "rp=ipp/print", "ty=Brother MFC-L8900CDW series",
                              "product=(Brother MFC-L8900CDW series)", "pdl=application/octet-stream,image/urf,image/pwg-raster",
                              "Color=T", "Duplex=T", "note=2F 総務"]),
            MDNSService(instance: "Brother MFC-L8900CDW series", type: "_pdl-datastream._tcp", port: 9100,
                        txt: ["txtvers=1", "qtotal=1", "ty=Brother MFC-L8900CDW series"]),
        ])

        net.at(seconds: 6)
        try net.dhcpLease(client: dell, profile: dellProfile, chosen: lanServer, address: dellIP, alsoOffering: rogueOffer())
        try claim(dell, dellIP)
        try net.nbnsRegister(from: dell, name: "SOUMU-PC01", address: dellIP, broadcast: Self.lanBroadcast)
        try net.dhcpv6Solicit(from: dell, linkLocal: dellLL, duid: DHCPv6.duidLLT(time: 0x2B8E_51C2, mac: dell.mac),
                              iaid: 0x0E98_E743, fqdn: "SOUMU-PC01.\(Self.domain)", enterprise: 311, vendorClass: "MSFT 5.0")

        net.at(seconds: 9)
        try net.dhcpLease(client: lenovo, profile: lenovoProfile, chosen: lanServer, address: lenovoIP, alsoOffering: rogueOffer())
        try claim(lenovo, lenovoIP)
        try net.nbnsRegister(from: lenovo, name: "EIGYO-PC02", address: lenovoIP, broadcast: Self.lanBroadcast)

        net.at(seconds: 12)
        try net.dhcpLease(client: fujitsuPC, profile: fujitsuProfile, chosen: lanServer, address: conflictIP)
        try claim(fujitsuPC, conflictIP)
        try net.nbnsRegister(from: fujitsuPC, name: "KEIRI-PC03", address: conflictIP, broadcast: Self.lanBroadcast)

        net.at(seconds: 15)
        try net.dhcpLease(client: pi, profile: piProfile, chosen: lanServer, address: piIP)
        try claim(pi, piIP)
        try net.duplicateAddressDetection(from: pi, tentative: piLL)
        net.pause(milliseconds: 1000)
        try net.routerSolicitation(from: pi, linkLocal: piLL)
        try net.routerAdvertisement(from: router, linkLocal: routerLL, prefix: Self.lanPrefix, managed: false, other: true)
        try net.duplicateAddressDetection(from: pi, tentative: piGlobal)
        net.pause(milliseconds: 1000)
        try net.unsolicitedNeighborAdvertisement(from: pi, address: piGlobal)
        try net.neighborResolve(from: pi, source: piLL, target: routerLL, owner: router, ownerIsRouter: true)
        try net.mdnsAnnounce(from: pi, ipv4Source: piIP, ipv6Source: piLL, host: "envsensor01", addresses: [piIP],
                             ipv6Addresses: [piGlobal], services: [
            MDNSService(instance: "envsensor01", type: "_ssh._tcp", port: 22, txt: [""]),
        ])

        net.at(seconds: 18)
        try net.dhcpLease(client: mac, profile: macProfile, chosen: lanServer, address: macIP)
        try claim(mac, macIP)
        try net.duplicateAddressDetection(from: mac, tentative: macLL)
        net.pause(milliseconds: 1000)
        try net.mdnsAnnounce(from: mac, ipv4Source: macIP, ipv6Source: macLL, host: "Taro-no-MacBook-Pro",
                             addresses: [macIP], ipv6Addresses: [macLL, macGlobal])
        try net.mdnsBrowse(from: mac, ipv4Source: macIP, serviceType: "_ipp._tcp")

        net.at(seconds: 21)
        try net.dhcpLease(client: iphone, profile: iphoneProfile, chosen: lanServer, address: iphoneIP)
        try claim(iphone, iphoneIP)
        try net.mdnsAnnounce(from: iphone, ipv4Source: iphoneIP, host: "Hanako-no-iPhone", addresses: [iphoneIP])

        net.at(seconds: 24)
        try net.dhcpLease(client: android, profile: androidProfile, chosen: lanServer, address: androidIP, alsoOffering: rogueOffer())
        try claim(android, androidIP)

        net.at(seconds: 27)
        try net.dhcpLease(client: hpPC, profile: hpProfile, chosen: lanServer, address: hpIP)
        try claim(hpPC, hpIP)
        try net.nbnsRegister(from: hpPC, name: "KAIGI-PC01", address: hpIP, broadcast: Self.lanBroadcast)

        // The NEC was given the Fujitsu's address by hand: it announces it without probing.
        net.at(seconds: 30)
        let conflictStart = net.clock
        try net.gratuitousARP(from: necPC, ip: conflictIP)
        try net.nbnsRegister(from: necPC, name: "SOUMU-PC04", address: conflictIP, broadcast: Self.lanBroadcast)

        net.at(seconds: 32)
        try net.dhcpLease(client: ipPhone, profile: phoneProfile, chosen: voiceServer, address: phoneIP)
        try claim(ipPhone, phoneIP)
        try net.arpResolve(ipPhone, from: phoneIP, ip: gw20, owners: [router20])
        try net.arpResolve(router20, from: gw20, ip: cameraIP, owners: [camera])

        // MARK: t = 30 s: periodic discovery
        net.at(seconds: 35)
        try net.lldpAnnounce(from: coreSwitch, switchInfo)
        try net.lldpAnnounce(from: accessPoint, apInfo)

        // MARK: t = 40 s: everyday traffic
        net.at(seconds: 40)
        try net.arpResolve(dell, from: dellIP, ip: gw, owners: [router])
        try net.dnsLookup(client: dell, clientIP: dellIP, server: router, serverIP: gw, name: "intranet.office.example",
                          type: DNSType.a, answers: [.a(webIP)])
        try net.dnsLookup(client: dell, clientIP: dellIP, server: router, serverIP: gw, name: "25.10.18.198.in-addr.arpa",
                          type: DNSType.ptr, answers: [.ptr("srv-web01.office.example")])
        try net.arpResolve(dell, from: dellIP, ip: webIP, owners: [web])
        try net.tlsSession(client: dell, clientIP: dellIP, server: web, serverIP: webIP, serverName: "intranet.office.example",
                           certificate: certificate, subject: certificateSubject)

        net.at(seconds: 45)
        try net.nbnsResolve(from: dell, sourceIP: dellIP, broadcast: Self.lanBroadcast, name: "NAS-HONSHA01", owner: nas, ownerIP: nasIP)
        try net.arpResolve(dell, from: dellIP, ip: nasIP, owners: [nas])
        try net.arpResolve(dell, from: dellIP, ip: canonIP, owners: [canon])

        net.at(seconds: 50)
        try net.arpResolve(lenovo, from: lenovoIP, ip: gw, owners: [router])
        try net.dnsLookup(client: lenovo, clientIP: lenovoIP, server: router, serverIP: gw, name: "intranet.office.example",
                          type: DNSType.a, answers: [.a(webIP)])
        try net.arpResolve(lenovo, from: lenovoIP, ip: webIP, owners: [web])
        try net.httpRedirect(client: lenovo, clientIP: lenovoIP, server: web, serverIP: webIP, host: "intranet.office.example")

        // The conflict: both PCs answer for 198.18.10.103.
        net.at(seconds: 55)
        try net.arpResolve(dell, from: dellIP, ip: conflictIP, owners: [fujitsuPC, necPC])
        net.anomalies.append(TruthAnomaly(kind: "ip_conflict", vlan: nil, ip: conflictIP.description, macs: [fujitsuPC.mac, necPC.mac],
                                          count: 2,
                                          message: "\(conflictIP) claimed by two MACs: gratuitous ARP and NBNS from one, ARP replies from both",
                                          firstFrameTime: rfc3339(conflictStart)))

        net.at(seconds: 58)
        try net.dnsLookup(client: pi, clientIP: piIP, server: router, serverIP: gw, name: "ntp.office.example",
                          type: DNSType.a, answers: [.a(gw)])
        try net.mdnsBrowse(from: mac, ipv4Source: macIP, serviceType: "_ipp._tcp")
        try net.mdnsAnnounce(from: brother, ipv4Source: brotherIP, host: brotherName, addresses: [brotherIP])
        try net.arpResolve(router, from: gw, ip: hpIP, owners: [hpPC])
        try net.arpResolve(router, from: gw, ip: Self.lanIP(2), owners: [coreSwitch])
        try net.arpResolve(router, from: gw, ip: Self.lanIP(3), owners: [accessPoint])

        // MARK: t = 60 s: periodic announcements again
        net.at(seconds: 60)
        try net.cdpAnnounce(from: router, routerInfo)
        try net.routerAdvertisement(from: router, linkLocal: routerLL, prefix: Self.lanPrefix, managed: false, other: true)
        try net.routerAdvertisement(from: router20, linkLocal: routerLL, prefix: Self.voicePrefix, managed: false, other: true)
        net.pause(milliseconds: 5000)
        try net.lldpAnnounce(from: coreSwitch, switchInfo)
        try net.lldpAnnounce(from: accessPoint, apInfo)

        // MARK: t = 70 s: the gratuitous ARP flood, 50 in 1.96 s
        net.at(seconds: 70)
        let floodStart = net.clock
        for _ in 0..<50 {
            try net.gratuitousARP(from: pi, ip: piIP)
            net.pause(exactMicroseconds: 40_000)
        }
        net.anomalies.append(TruthAnomaly(kind: "gratuitous_arp_flood", vlan: nil, ip: piIP.description, macs: [pi.mac], count: 50,
                                          message: "50 gratuitous ARPs for \(piIP) within 2 s", firstFrameTime: rfc3339(floodStart)))

        // MARK: t = 90 s: the ThinkPad leaves and comes back on a new lease
        net.at(seconds: 90)
        try net.dhcpRelease(client: lenovo, profile: lenovoProfile, address: lenovoIP, server: lanServer)
        net.at(seconds: 100)
        let moveTime = try net.dhcpLease(client: lenovo, profile: lenovoProfile, chosen: lanServer, address: lenovoNewIP, alsoOffering: rogueOffer())
        try claim(lenovo, lenovoNewIP)
        try net.nbnsRegister(from: lenovo, name: "EIGYO-PC02", address: lenovoNewIP, broadcast: Self.lanBroadcast)
        try net.arpResolve(lenovo, from: lenovoNewIP, ip: gw, owners: [router])
        net.anomalies.append(TruthAnomaly(kind: "ip_changed", vlan: nil, ip: lenovoNewIP.description, macs: [lenovo.mac], count: nil,
                                          previousIP: lenovoIP.description,
                                          message: "EIGYO-PC02 moved from \(lenovoIP) to \(lenovoNewIP) with a new DHCP lease",
                                          firstFrameTime: rfc3339(moveTime)))

        net.at(seconds: 110)
        try net.tlsSession(client: dell, clientIP: dellIP, server: web, serverIP: webIP, serverName: "intranet.office.example",
                           certificate: certificate, subject: certificateSubject)
        try net.cdpAnnounce(from: router, routerInfo)

        guard let firstRogue = net.dhcpServers.first(where: { $0.rogue }) else { preconditionFailure("rogue server never answered") }
        net.anomalies.insert(TruthAnomaly(kind: "multiple_dhcp_servers", vlan: nil, ip: nil, macs: [router.mac, firstRogue.mac],
                                          count: 2, message: "DHCP offers from \(gw) and from the rogue \(Self.rogueLAN)",
                                          firstFrameTime: firstRogue.firstSeen), at: 0)

        // MARK: ledger
        let ledger = OfficeLedger(router: router, coreSwitch: coreSwitch, accessPoint: accessPoint, nas: nas, web: web,
                                  canon: canon, brother: brother, dell: dell, lenovo: lenovo, fujitsuPC: fujitsuPC, necPC: necPC,
                                  hpPC: hpPC, mac: mac, pi: pi, rogue: rogue, ipPhone: ipPhone, camera: camera,
                                  nasObservedIP: nasIP, canonIP: canonIP, rng: &net.rng, macs: &macs)

        try writer.finish()
        let truth = Truth(
            scenario: "office", seed: seed,
            capture: TruthCapture(format: format.rawValue, frames: writer.frameCount, bytes: writer.bytesWritten,
                                  firstFrameTime: rfc3339(net.firstFrameTime ?? Self.startTime),
                                  lastFrameTime: rfc3339(net.lastFrameTime ?? Self.startTime)),
            devices: stations.map { $0.truth(inLedger: ledger.registeredMACs.contains($0.mac)) },
            dhcpServers: net.dhcpServers, anomalies: net.anomalies, ledgerDifferences: ledger.differences,
            dns: net.dnsLog, tls: net.tlsLog)
        return Result(truth: truth, ledgerCSV: ledger.csv)
    }
}

/// Hands out distinct MACs: vendor ones with seeded NIC bytes, and locally administered ones for phones.
struct MACAllocator {
    private var used: Set<MACAddress> = []

    mutating func next(vendor: Vendor, rng: inout SeededGenerator) -> MACAddress {
        while true {
            let m = vendor.mac(nic: rng.u32() & 0xFF_FFFF)
            if m.byte(5) != 0 && !used.contains(m) { used.insert(m); return m }
        }
    }

    /// A random unicast, locally administered address (what phones use per network).
    mutating func nextRandomized(rng: inout SeededGenerator) -> MACAddress {
        while true {
            let raw = rng.next() & 0xFFFF_FFFF_FFFF
            let m = MACAddress(rawValue: raw & ~0x0100_0000_0000 | 0x0200_0000_0000)
            if !used.contains(m) { used.insert(m); return m }
        }
    }
}
