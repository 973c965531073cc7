import EvidenceModel
import EvidenceCrypto
import Foundation

/// Names that are safe inside a bag on Windows, macOS and Linux: NFC, no reserved characters or names,
/// no trailing dots or spaces, bounded length.
package enum BagNaming {
    static let reservedWindowsNames: Set<String> = [
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    ]
    static let maximumNameLength = 120

    /// A cross-platform-safe file name for `name`, in NFC; never empty.
    public static func safeFileName(_ name: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in name.precomposedNFC.unicodeScalars {
            switch scalar {
            case "<", ">", ":", "\"", "/", "\\", "|", "?", "*", "%": scalars.append("_")
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: scalars.append("_")
            case _ where scalar.properties.generalCategory == .format: continue  // U+200E marks and the like
            default: scalars.append(scalar)
            }
        }
        var safe = String(scalars)
        while let last = safe.last, last == "." || last == " " { safe.removeLast() }
        while let first = safe.first, first == " " { safe.removeFirst() }
        if safe.isEmpty || safe == "." || safe == ".." { safe = "unnamed" }
        let stem = safe.split(separator: ".", maxSplits: 1).first.map(String.init)?.uppercased() ?? ""
        if reservedWindowsNames.contains(stem) { safe = "_" + safe }
        if safe.count > maximumNameLength {
            let ext = (safe as NSString).pathExtension
            let keep = maximumNameLength - (ext.isEmpty ? 0 : ext.count + 1)
            safe = String(safe.prefix(keep)) + (ext.isEmpty || ext.count > 16 ? "" : "." + ext)
        }
        return safe
    }

    /// A short identifier made of letters, digits, `-` and `_`, for bag folder names and `External-Identifier`.
    public static func identifier(from text: String) -> String {
        let folded = text.applyingTransform(.stripDiacritics, reverse: false) ?? text
        var result = ""
        for character in folded {
            if character.isASCII, character.isLetter || character.isNumber || character == "-" || character == "_" {
                result.append(character)
            } else if !result.hasSuffix("-") {
                result.append("-")
            }
        }
        let trimmed = result.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        return trimmed.isEmpty ? "case" : String(trimmed.prefix(64))
    }

    /// An item's numbered name, the last part of its payload path and the stem of its derived files:
    /// `0001-IMG_0412.PNG`.
    public static func numberedName(itemID: Int64, originalName: String) -> String {
        String(format: "%04lld-", itemID) + safeFileName(originalName)
    }

    /// The payload path of an item inside a bag of the current format: `data/0001-IMG_0412.PNG`, or
    /// `data/sensitive/0004-photo.png` for a sensitive item.
    public static func payloadPath(itemID: Int64, originalName: String, sensitive: Bool) -> String {
        (sensitive ? BundleFormat.sensitiveFolder : "data/") + numberedName(itemID: itemID, originalName: originalName)
    }
}
