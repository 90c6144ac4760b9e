import Foundation
import NetAddress

/// The office's IT equipment ledger (IT 機材管理台帳) as the organisation keeps it,
/// with exactly five planted differences from what the capture shows:
///
/// - unregistered_device: the rogue home router is on the LAN but not in the ledger;
/// - missing_device: an in-service desktop (HQ-PC-0007) never appears;
/// - retired_device_seen: HQ-PC-0005 is marked retired but is on the LAN;
/// - ip_mismatch: the NAS (HQ-SV-0001) is recorded at .21 but uses .20;
/// - replaced_device: the printer address .31 (HQ-PR-0002, a Brother) is answered by an
///   unknown Canon MAC; the Brother's MAC never appears.
///
/// Phones with randomized MACs are guests, not assets, and are not listed. Rows
/// for a disposed and a retired asset that are (correctly) absent are included
/// so an auditor can show it does not flag them.
struct OfficeLedger {
    static let header = "asset_id,node_name,mac_addresses,ip_address,site,location,user,model,hardware_info,purpose,os,"
        + "ownership,wireless_authorized,allowed_services,status,approval_ref,approval_expiry"

    private(set) var rows: [[String]] = []
    private(set) var registeredMACs: Set<MACAddress> = []
    private(set) var differences: [TruthLedgerDifference] = []

    /// How the MACs are written: hand-kept ledgers mix `ipconfig`, `ip link` and Cisco styles.
    enum MACStyle { case colon, windows, cisco }

    static func format(_ m: MACAddress, _ style: MACStyle) -> String {
        switch style {
        case .colon: return m.description
        case .windows: return m.description.uppercased().replacingOccurrences(of: ":", with: "-")
        case .cisco:
            let h = hexString((0..<6).map { m.byte($0) })
            let u = Array(h)
            return String(u[0..<4]) + "." + String(u[4..<8]) + "." + String(u[8..<12])
        }
    }

    private mutating func add(_ assetID: String, _ nodeName: String, _ macs: [MACAddress], _ style: MACStyle, ip: IPv4Address?,
                              location: String, user: String, model: String, hardware: String, purpose: String, os: String,
                              ownership: String, wireless: Bool, services: String, status: String, approval: String, expiry: String) {
        rows.append([assetID, nodeName, macs.map { Self.format($0, style) }.joined(separator: ";"), ip?.description ?? "",
                     "本社", location, user, model, hardware, purpose, os, ownership, wireless ? "yes" : "no", services, status,
                     approval, expiry])
        for m in macs { registeredMACs.insert(m) }
    }

    init(router: Station, coreSwitch: Station, accessPoint: Station, nas: Station, web: Station, canon: Station, brother: Station,
         dell: Station, lenovo: Station, fujitsuPC: Station, necPC: Station, hpPC: Station, mac: Station, pi: Station,
         rogue: Station, ipPhone: Station, camera: Station, nasObservedIP: IPv4Address, canonIP: IPv4Address,
         rng: inout SeededGenerator, macs: inout MACAllocator) {
        let nasSecondPort = macs.next(vendor: Vendors.buffaloNAS, rng: &rng)
        let oldPrinter = macs.next(vendor: Vendors.brotherOld, rng: &rng)
        let unseenDesktop = macs.next(vendor: Vendors.dellDesktop, rng: &rng)
        let disposedPC = macs.next(vendor: Vendors.necPlatforms, rng: &rng)
        let retiredLaptop = macs.next(vendor: Vendors.lenovo, rng: &rng)
        let nasLedgerIP = OfficeScenario.lanIP(21)
        let unseenDesktopIP = OfficeScenario.lanIP(70)

        add("HQ-NW-0001", "rtr-honsha-01", [router.mac], .cisco, ip: OfficeScenario.lanIP(1),
            location: "本社 3F サーバラック", user: "情報システム課", model: "Cisco C1111-8P",
            hardware: "GE WAN x1, GE LAN x8, 4GB DRAM", purpose: "インターネット接続・VLAN間ルーティング・DHCP/DNS",
            os: "IOS XE 17.9.4a", ownership: "owned", wireless: false, services: "tcp/22;udp/53;udp/67",
            status: "in_service", approval: "APR-2024-012", expiry: "2029-03-31")
        add("HQ-NW-0002", "sw-honsha-2f-01", [coreSwitch.mac], .colon, ip: OfficeScenario.lanIP(2),
            location: "本社 2F 配線盤", user: "情報システム課", model: "Aruba 2930F-24G-4SFP (JL259A)",
            hardware: "GE x24, SFP x4", purpose: "2F フロアスイッチ", os: "ArubaOS-Switch WC.16.11.0012",
            ownership: "owned", wireless: false, services: "tcp/22;tcp/443", status: "in_service",
            approval: "APR-2024-012", expiry: "2029-03-31")
        add("HQ-NW-0003", "ap-honsha-2f-01", [accessPoint.mac], .colon, ip: OfficeScenario.lanIP(3),
            location: "本社 2F 天井", user: "情報システム課", model: "YAMAHA WLX313", hardware: "Wi-Fi 6, 2x2 MIMO, PoE",
            purpose: "社内無線LAN", os: "Rev.23.00.09", ownership: "owned", wireless: true, services: "tcp/22;tcp/443",
            status: "in_service", approval: "APR-2024-013", expiry: "2029-03-31")
        add("HQ-SV-0001", "nas-honsha01", [nas.mac, nasSecondPort], .colon, ip: nasLedgerIP,
            location: "本社 3F サーバラック", user: "情報システム課", model: "BUFFALO TeraStation TS5410DN",
            hardware: "4TB HDD x4, RAID 6, GE x2", purpose: "共有ファイルサーバ", os: "TeraStation firmware 5.10",
            ownership: "owned", wireless: false, services: "tcp/445;tcp/443", status: "in_service",
            approval: "APR-2023-041", expiry: "2028-03-31")
        add("HQ-SV-0002", "srv-web01", [web.mac], .colon, ip: OfficeScenario.lanIP(25),
            location: "本社 3F サーバラック", user: "情報システム課", model: "FUJITSU PRIMERGY TX1320 M5",
            hardware: "Xeon E-2334, 32GB, SSD 1TB x2 RAID 1", purpose: "社内ポータル (イントラネット)", os: "Rocky Linux 9.3",
            ownership: "owned", wireless: false, services: "tcp/22;tcp/80;tcp/443", status: "in_service",
            approval: "APR-2024-020", expiry: "2027-03-31")
        add("HQ-PR-0001", "総務部複合機", [brother.mac], .colon, ip: OfficeScenario.lanIP(30),
            location: "本社 2F 総務部", user: "総務部", model: "Brother MFC-L8900CDW", hardware: "カラーレーザー複合機",
            purpose: "印刷・スキャン・FAX", os: "firmware ZA", ownership: "leased", wireless: false,
            services: "tcp/443;tcp/631;tcp/9100", status: "in_service", approval: "APR-2022-007", expiry: "2027-06-30")
        add("HQ-PR-0002", "総務部プリンタ2", [oldPrinter], .colon, ip: canonIP,
            location: "本社 2F 総務部", user: "総務部", model: "Brother HL-L2375DW", hardware: "モノクロレーザー",
            purpose: "印刷", os: "firmware 1.70", ownership: "owned", wireless: false, services: "tcp/631;tcp/9100",
            status: "in_service", approval: "APR-2021-015", expiry: "2026-03-31")
        add("HQ-PC-0001", "SOUMU-PC01", [dell.mac], .windows, ip: nil,
            location: "本社 2F 総務部", user: "山田 太郎", model: "Dell Latitude 5440",
            hardware: "Core i5-1345U, 16GB, SSD 512GB", purpose: "事務作業", os: "Windows 11 Pro 23H2",
            ownership: "leased", wireless: true, services: "", status: "in_service", approval: "APR-2024-031", expiry: "2028-09-30")
        add("HQ-PC-0002", "EIGYO-PC02", [lenovo.mac], .windows, ip: nil,
            location: "本社 2F 営業部", user: "佐藤 花子", model: "Lenovo ThinkPad L14 Gen 4",
            hardware: "Core i5-1335U, 16GB, SSD 256GB", purpose: "営業資料作成・Web会議", os: "Windows 11 Pro 23H2",
            ownership: "leased", wireless: true, services: "", status: "in_service", approval: "APR-2024-031", expiry: "2028-09-30")
        add("HQ-PC-0003", "KEIRI-PC03", [fujitsuPC.mac], .windows, ip: nil,
            location: "本社 2F 経理部", user: "鈴木 一郎", model: "FUJITSU LIFEBOOK A5513/NX",
            hardware: "Core i5-1235U, 8GB, SSD 256GB", purpose: "会計システム端末", os: "Windows 10 Pro 22H2",
            ownership: "owned", wireless: false, services: "", status: "in_service", approval: "APR-2023-002", expiry: "2027-12-31")
        add("HQ-PC-0004", "SOUMU-PC04", [necPC.mac], .windows, ip: nil,
            location: "本社 2F 総務部", user: "高橋 美咲", model: "NEC Mate MKM34B-G",
            hardware: "Core i5-12500, 8GB, SSD 256GB", purpose: "事務作業", os: "Windows 10 Pro 22H2",
            ownership: "owned", wireless: false, services: "", status: "in_service", approval: "APR-2023-002", expiry: "2027-12-31")
        add("HQ-PC-0005", "KAIGI-PC01", [hpPC.mac], .windows, ip: nil,
            location: "本社 3F 会議室A", user: "共用", model: "HP ProDesk 400 G4 SFF",
            hardware: "Core i3-8100, 8GB, HDD 500GB", purpose: "会議室共用PC", os: "Windows 10 Pro 22H2",
            ownership: "owned", wireless: false, services: "", status: "retired", approval: "APR-2018-004", expiry: "2023-03-31")
        add("HQ-PC-0006", "Taro-no-MacBook-Pro", [mac.mac], .colon, ip: nil,
            location: "本社 2F 開発室", user: "田中 太郎", model: "Apple MacBook Pro 14 (M3)",
            hardware: "Apple M3, 16GB, SSD 512GB", purpose: "デザイン・開発", os: "macOS 14 Sonoma",
            ownership: "owned", wireless: true, services: "", status: "in_service", approval: "APR-2024-040", expiry: "2028-12-31")
        add("HQ-PC-0007", "SOUMU-PC05", [unseenDesktop], .windows, ip: unseenDesktopIP,
            location: "本社 2F 総務部", user: "伊藤 健", model: "Dell OptiPlex 7010 SFF",
            hardware: "Core i5-13500, 16GB, SSD 512GB", purpose: "事務作業", os: "Windows 11 Pro 23H2",
            ownership: "owned", wireless: false, services: "", status: "in_service", approval: "APR-2024-031", expiry: "2028-09-30")
        add("HQ-PC-0008", "SOUMU-PC00", [disposedPC], .windows, ip: nil,
            location: "廃棄済", user: "", model: "NEC Mate MK33M-B", hardware: "Core i5-6500, 4GB, HDD 500GB",
            purpose: "事務作業", os: "Windows 7 Professional", ownership: "owned", wireless: false, services: "",
            status: "disposed", approval: "APR-2015-010", expiry: "2020-03-31")
        add("HQ-PC-0009", "EIGYO-PC01", [retiredLaptop], .windows, ip: nil,
            location: "本社 倉庫", user: "", model: "Lenovo ThinkPad L580", hardware: "Core i5-8250U, 8GB, SSD 256GB",
            purpose: "予備機", os: "Windows 10 Pro 22H2", ownership: "owned", wireless: true, services: "",
            status: "retired", approval: "APR-2018-021", expiry: "2023-09-30")
        add("HQ-IOT-0001", "envsensor01", [pi.mac], .colon, ip: nil,
            location: "本社 3F サーバラック", user: "情報システム課", model: "Raspberry Pi 4 Model B",
            hardware: "4GB RAM, BME280 sensor", purpose: "サーバラック室温・湿度監視", os: "Raspberry Pi OS 12 (bookworm)",
            ownership: "owned", wireless: false, services: "tcp/22", status: "in_service", approval: "APR-2025-003", expiry: "2027-03-31")
        add("HQ-TEL-0001", "SEP" + hexString(DHCPClientProfile.macBytes(ipPhone.mac)).uppercased(), [ipPhone.mac], .cisco, ip: nil,
            location: "本社 1F 受付", user: "受付", model: "Cisco IP Phone 8845", hardware: "PoE, video",
            purpose: "内線電話", os: "sip88xx.14-2-1", ownership: "leased", wireless: false, services: "udp/5060",
            status: "in_service", approval: "APR-2024-050", expiry: "2029-03-31")
        add("HQ-IOT-0002", "玄関カメラ01", [camera.mac], .colon, ip: OfficeScenario.voiceIP(60),
            location: "本社 1F エントランス", user: "総務部", model: "Panasonic WV-S1136", hardware: "PoE, 1080p",
            purpose: "入口監視", os: "firmware 2.80", ownership: "owned", wireless: false, services: "tcp/443;tcp/554",
            status: "in_service", approval: "APR-2025-011", expiry: "2030-03-31")

        differences = [
            TruthLedgerDifference(kind: "unregistered_device", assetID: nil, mac: rogue.mac, ip: OfficeScenario.rogueLAN,
                                  message: "a device on the LAN that the ledger does not list (the rogue DHCP server)"),
            TruthLedgerDifference(kind: "missing_device", assetID: "HQ-PC-0007", mac: unseenDesktop, ip: unseenDesktopIP,
                                  message: "an in-service asset never seen in the capture"),
            TruthLedgerDifference(kind: "retired_device_seen", assetID: "HQ-PC-0005", mac: hpPC.mac, ip: OfficeScenario.lanIP(105),
                                  message: "an asset marked retired that is still on the LAN"),
            TruthLedgerDifference(kind: "ip_mismatch", assetID: "HQ-SV-0001", mac: nas.mac, ledgerIP: nasLedgerIP,
                                  observedIP: nasObservedIP, message: "the ledger's address differs from the one in use"),
            TruthLedgerDifference(kind: "replaced_device", assetID: "HQ-PR-0002", ip: canonIP, ledgerMAC: oldPrinter,
                                  observedMAC: canon.mac,
                                  message: "the recorded address is answered by a MAC the ledger does not list; the recorded MAC is never seen"),
        ]
    }

    /// RFC 4180 CSV, UTF-8 without BOM, CRLF line ends.
    var csv: String {
        func field(_ s: String) -> String {
            if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) {
                return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return s
        }
        var out = Self.header + "\r\n"
        for r in rows { out += r.map(field).joined(separator: ",") + "\r\n" }
        return out
    }
}
