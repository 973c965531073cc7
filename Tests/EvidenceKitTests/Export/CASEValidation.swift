import Foundation
import Testing

/// `case_validate` (PyPI case-utils, installed by scripts/test.sh) on an exported graph.
enum CASEValidation {
    static func expectConforms(_ graph: URL) throws {
        guard TestSupport.requireTool("case_validate") else { return }
        let validation = try TestSupport.tool("case_validate", [graph.path])
        #expect(validation.status == 0, "\(validation.stdout)\(validation.stderr)")
        #expect(validation.stdout.contains("Conforms: True"), "\(validation.stdout)")
    }
}
