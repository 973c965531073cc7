import ArgumentParser
import EvidenceModel

/// `--date-order`, for the commands that read chat exports (`chat parse`, `add`): the order of day, month and
/// year in dates such as `03/04/2023`, when the export itself cannot tell.
struct DateOrderOption: ParsableArguments {
    @Option(name: .customLong("date-order"),
            help: "Order of day and month in WhatsApp dates: dmy, mdy or ymd (default: inferred from the file).")
    var text: String?

    /// The order given, if any.
    var value: DateOrder? { text.flatMap(DateOrder.init(rawValue:)) }

    func validate() throws {
        if let text, DateOrder(rawValue: text) == nil {
            throw ValidationError("--date-order must be dmy, mdy or ymd, not \"\(text)\".")
        }
    }
}
