import Foundation
import Policy
import Report
import XCTest

/// Opens the HTML report in real headless Chromium. Skipped when Chromium is not installed
/// (`apt-get install -y chromium`; `CHROMIUM` may name the binary).
///
/// Chromium gets only local file:// pages written here, and flags that keep it off the network even if
/// something tried: every host name resolves to nothing and every request goes to a closed loopback port.
final class HTMLBrowserTests: XCTestCase {
    private static let offlineFlags = [
        "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
        "--disable-default-apps", "--disable-domain-reliability", "--metrics-recording-only",
        "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9", "--virtual-time-budget=5000",
    ]

    private var chromium: String!
    private var directory: URL!

    override func setUpWithError() throws {
        if let configured = ProcessInfo.processInfo.environment["CHROMIUM"] {
            // Named explicitly: a wrong path is a broken setup, not a reason to skip.
            XCTAssertTrue(FileManager.default.isExecutableFile(atPath: configured), "CHROMIUM=\(configured) is not executable")
            chromium = configured
        } else if let found = ProgramRun.find(["chromium", "chromium-browser", "google-chrome"]) {
            chromium = found
        } else {
            throw XCTSkip("Chromium is not installed (apt-get install -y chromium)")
        }
        directory = try makeScratchDirectory("html")
    }

    override func tearDownWithError() throws {
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    private func write(_ text: String, as name: String) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    private func browse(_ arguments: [String]) throws -> ProgramRun {
        let profile = directory.appendingPathComponent("profile-" + UUID().uuidString).path
        let run = try ProgramRun.run(chromium, Self.offlineFlags + ["--user-data-dir=" + profile] + arguments, timeout: 120)
        XCTAssertFalse(run.timedOut, "Chromium did not finish")
        XCTAssertEqual(run.status, 0, run.stderr)
        return run
    }

    func testRenderedDOMHasTheRowsAndTheHostileHostnameStaysText() throws {
        let report = ReportFixture.report()
        let page = try write(try HTMLReporter.generateReport(report, options: ReportOptions(language: .en)), as: "report.html")
        let run = try browse(["--enable-logging=stderr", "--v=0", "--dump-dom", page.absoluteString])
        let dom = run.stdout

        // The script ran: it is allowed by the page's own Content-Security-Policy.
        XCTAssertTrue(dom.contains("class=\"js\""), "the page script did not run")
        let violations = run.stderr.split(separator: "\n").filter { $0.contains("Content Security Policy") }
        XCTAssertEqual(violations, [], "the page broke its own Content-Security-Policy")

        XCTAssertEqual(dom.components(separatedBy: "<tr class=\"finding").count - 1, report.allFindings.count)
        XCTAssertEqual(dom.components(separatedBy: "<tr class=\"device\"").count - 1, report.inventory.devices.count)
        for finding in report.allFindings { XCTAssertTrue(dom.contains("data-fingerprint=\"\(finding.fingerprint)\"")) }
        for device in report.inventory.devices { XCTAssertTrue(dom.contains("data-mac=\"\(device.mac)\"")) }

        // The hostname is text: escaped in the serialised DOM, never an element.
        XCTAssertTrue(dom.contains("&lt;/script&gt;&lt;script&gt;alert('pwned')&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;"))
        XCTAssertFalse(dom.contains("<script>alert"))
        XCTAssertFalse(dom.contains("<b>x</b>"))
        XCTAssertEqual(dom.components(separatedBy: "<script").count - 1, 2)
    }

    /// Drives the page like a person would, from a harness page that holds the report in a frame.
    func testSortingFilteringAndLanguageToggleWork() throws {
        _ = try write(try HTMLReporter.generateReport(ReportFixture.report(), options: ReportOptions(language: .en)), as: "report.html")
        let harness = try write("""
            <!DOCTYPE html><html><head><meta charset="utf-8"></head><body><pre id="out">pending</pre>
            <iframe id="frame" src="report.html" width="1200" height="800"></iframe>
            <script>
            document.getElementById('frame').addEventListener('load', function () {
              var out = [];
              try {
                var d = this.contentDocument;
                function visible(table) {
                  return Array.prototype.filter.call(d.querySelectorAll('#' + table + ' tbody tr'), function (r) { return !r.hidden; });
                }
                function column(table, index) {
                  return visible(table).map(function (r) { return r.cells[index].getAttribute('data-sort'); }).join(',');
                }
                var vlan = d.querySelectorAll('#devices-table thead th')[1];
                vlan.querySelector('button').click();
                out.push('vlan-asc=' + column('devices-table', 1) + ' ' + vlan.getAttribute('aria-sort'));
                vlan.querySelector('button').click();
                out.push('vlan-desc=' + column('devices-table', 1) + ' ' + vlan.getAttribute('aria-sort'));
                var severity = d.querySelectorAll('#findings-table thead th')[0];
                severity.querySelector('button').click();
                out.push('severity-asc=' + column('findings-table', 0));
                var high = d.querySelector('[data-severity-for="findings"][value="high"]');
                high.checked = false; high.dispatchEvent(new Event('change'));
                out.push('without-high=' + visible('findings-table').length + ' shown=' + d.querySelector('[data-shown-for="findings"]').textContent);
                high.checked = true; high.dispatchEvent(new Event('change'));
                var suppressed = d.querySelector('[data-suppressed-for="findings"]');
                suppressed.checked = false; suppressed.dispatchEvent(new Event('change'));
                out.push('without-suppressed=' + visible('findings-table').length);
                suppressed.checked = true; suppressed.dispatchEvent(new Event('change'));
                var search = d.querySelector('[data-filter-for="findings"]');
                search.value = 'pc-0042'; search.dispatchEvent(new Event('input'));
                out.push('search=' + visible('findings-table').map(function (r) { return r.getAttribute('data-fingerprint'); }).join(','));
                search.value = 'no such thing'; search.dispatchEvent(new Event('input'));
                out.push('no-match=' + !d.querySelector('[data-no-match-for="findings"]').hidden);
                d.querySelector('[data-set-lang="ja"]').click();
                out.push('lang=' + d.documentElement.getAttribute('data-lang') + ' title=' + d.title);
                out.push('heading=' + d.querySelector('h1').innerText);
              } catch (error) {
                out.push('error=' + error);
              }
              document.getElementById('out').textContent = out.join('\\n');
            });
            </script></body></html>
            """, as: "harness.html")
        let run = try browse(["--allow-file-access-from-files", "--dump-dom", harness.absoluteString])
        let output = try XCTUnwrap(run.stdout.range(of: "<pre id=\"out\">").map { run.stdout[$0.upperBound...] })
        let lines = output.prefix { $0 != "<" }.split(separator: "\n").map(String.init)
        XCTAssertFalse(lines.contains { $0.hasPrefix("error=") }, lines.joined(separator: "\n"))
        XCTAssertEqual(lines, [
            "vlan-asc=-1,10,10,20 ascending",
            "vlan-desc=20,10,10,-1 descending",
            "severity-asc=0,1,2,2,3,3,3,4",
            "without-high=5 shown=5",
            "without-suppressed=6",
            "search=3e2d1c0b9a887766",
            "no-match=true",
            "lang=ja title=netaudit 監査報告書 — JPMA 標準モデル 情報管理規程",
            "heading=ネットワーク監査報告書",
        ])
    }

    func testScreenshotIsARealRenderedPage() throws {
        let page = try write(try HTMLReporter.generateReport(ReportFixture.report(), options: ReportOptions(language: .ja)), as: "report.html")
        let screenshot = ProcessInfo.processInfo.environment["NETAUDIT_SCREENSHOT"].map { URL(fileURLWithPath: $0) }
            ?? directory.appendingPathComponent("report.png")
        _ = try browse(["--hide-scrollbars", "--window-size=1280,900", "--screenshot=" + screenshot.path, page.absoluteString])
        let png = try Data(contentsOf: screenshot)
        XCTAssertEqual(Array(png.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "not a PNG")
        // IHDR: width and height, big-endian, at bytes 16..<24.
        let bytes = Array(png)
        let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
        XCTAssertEqual(width, 1280)
        XCTAssertEqual(height, 900)
        // A blank or error page compresses to a few kilobytes; the rendered report does not.
        XCTAssertGreaterThan(png.count, 40_000)
    }
}
