import Foundation

/// Lenient reads of values from `JSONSerialization` trees: numbers written as strings and the reverse.
package enum JSONValue {
    package static func int64(_ value: Any?) -> Int64? {
        switch value {
        case let v as Int: return Int64(v)
        case let v as Int64: return v
        case let v as NSNumber: return v.int64Value
        case let v as String: return Int64(v)
        default: return nil
        }
    }

    package static func string(_ value: Any?) -> String? {
        switch value {
        case let v as String: return v
        case let v as Int: return String(v)
        case let v as NSNumber: return v.stringValue
        default: return nil
        }
    }
}
